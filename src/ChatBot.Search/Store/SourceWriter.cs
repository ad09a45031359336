using System.Globalization;
using ChatBot.Search.Indexing;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatBot.Search.Store;

/// <summary>
/// Writes sources with their passages inside one transaction and keeps the vocabulary and the full-text index
/// in step. Call <see cref="Complete"/> before committing.
/// </summary>
public sealed class SourceWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private SqliteCommand? insertPassage;
    private SqliteCommand? insertFullText;

    public SourceWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
        Vocabulary = Vocabulary.Load(connection, transaction);
    }

    /// <summary>The vocabulary passages are prepared with for this writer (see <see cref="PreparedSource.Prepare"/>).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Inserts a source and its passages; returns how many passages it wrote.</summary>
    public int Insert(PreparedSource source, ulong guildId, string? indexedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var document = source.Document;
        using var insertSource = Command("""
            INSERT INTO sources (guild_id, slug, origin, title, author, url, published, license, content_hash, passage_count, indexed_at)
            VALUES ($guild, $slug, $origin, $title, $author, $url, $published, $license, $hash, $count, $at)
            """);
        insertSource.Parameters.AddWithValue("$guild", (long)guildId);
        insertSource.Parameters.AddWithValue("$slug", document.Slug);
        insertSource.Parameters.AddWithValue("$origin", source.Origin);
        insertSource.Parameters.AddWithValue("$title", document.Metadata.Title);
        insertSource.Parameters.AddWithValue("$author", (object?)document.Metadata.Author ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$url", (object?)document.Metadata.Url ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$published", (object?)document.Metadata.Published ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$license", (object?)document.Metadata.License ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$hash", source.ContentHash);
        insertSource.Parameters.AddWithValue("$count", document.Passages.Count);
        insertSource.Parameters.AddWithValue("$at", indexedAt ?? DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        insertSource.ExecuteNonQuery();
        var sourceId = raw.sqlite3_last_insert_rowid(connection.Handle);

        // Not RETURNING id: a data reader left on the insert makes the FTS5 insert after it six times slower.
        insertPassage ??= Prepare(
            "INSERT INTO passages (source_id, ordinal, locator, text, length, vector) VALUES ($source, $ordinal, $locator, $text, $length, $vector)",
            "$source", "$ordinal", "$locator", "$text", "$length", "$vector");
        insertFullText ??= Prepare("INSERT INTO passage_fts (rowid, terms) VALUES ($id, $terms)", "$id", "$terms");
        for (var i = 0; i < document.Passages.Count; i++)
        {
            var passage = document.Passages[i];
            var prepared = source.Passages[i];
            insertPassage.Parameters["$source"].Value = sourceId;
            insertPassage.Parameters["$ordinal"].Value = passage.Ordinal;
            insertPassage.Parameters["$locator"].Value = passage.Locator;
            insertPassage.Parameters["$text"].Value = passage.Text;
            insertPassage.Parameters["$length"].Value = prepared.Length;
            insertPassage.Parameters["$vector"].Value = prepared.Vector;
            insertPassage.ExecuteNonQuery();
            insertFullText.Parameters["$id"].Value = raw.sqlite3_last_insert_rowid(connection.Handle);
            insertFullText.Parameters["$terms"].Value = prepared.Terms;
            insertFullText.ExecuteNonQuery();
        }

        return document.Passages.Count;
    }

    /// <summary>Deletes a source, its passages and their full-text entries.</summary>
    public void Delete(long sourceId)
    {
        using var command = Command("""
            DELETE FROM passage_fts WHERE rowid IN (SELECT id FROM passages WHERE source_id = $id);
            DELETE FROM passages WHERE source_id = $id;
            DELETE FROM sources WHERE id = $id;
            """);
        command.Parameters.AddWithValue("$id", sourceId);
        command.ExecuteNonQuery();
    }

    /// <summary>Writes the vocabulary the new passages brought.</summary>
    public void Complete() => Vocabulary.SaveNew(connection, transaction);

    public void Dispose()
    {
        insertPassage?.Dispose();
        insertFullText?.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Command(sql);
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
