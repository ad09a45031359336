using System.Globalization;
using System.Runtime.InteropServices;
using ChatBot.Search.Indexing;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>
/// Writes sources with their passages inside one transaction and keeps the vocabulary and the full-text index
/// in step. New passages reach FTS5 in one set-based statement at <see cref="Complete"/>; call it before
/// committing.
/// </summary>
public sealed class SourceWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<string, int> vocabulary;
    private readonly List<(int Id, string Term)> newTerms = [];
    private readonly long lastIdBefore;
    private readonly List<int> termIds = [];
    private SqliteCommand? insertPassage;

    public SourceWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
        vocabulary = LoadVocabulary();
        lastIdBefore = Scalar("SELECT coalesce(max(id), 0) FROM passages");
        // AUTOINCREMENT never reuses ids, so everything inserted from here on has a larger id.
        var sequence = Scalar("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'passages'");
        lastIdBefore = Math.Max(lastIdBefore, sequence);
    }

    /// <summary>Inserts a source and its passages; returns how many passages it wrote.</summary>
    public int Insert(PreparedSource source, ulong guildId, string? indexedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var document = source.Document;
        using var insertSource = Command("""
            INSERT INTO sources (guild_id, slug, origin, title, author, url, published, license, content_hash, passage_count, indexed_at)
            VALUES ($guild, $slug, $origin, $title, $author, $url, $published, $license, $hash, $count, $at)
            RETURNING id
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
        var sourceId = (long)insertSource.ExecuteScalar()!;

        insertPassage ??= CreateInsertPassage();
        for (var i = 0; i < document.Passages.Count; i++)
        {
            var passage = document.Passages[i];
            var terms = source.PassageTerms[i];
            termIds.Clear();
            foreach (var term in terms)
            {
                termIds.Add(IdOf(term));
            }

            insertPassage.Parameters["$source"].Value = sourceId;
            insertPassage.Parameters["$ordinal"].Value = passage.Ordinal;
            insertPassage.Parameters["$locator"].Value = passage.Locator;
            insertPassage.Parameters["$text"].Value = passage.Text;
            insertPassage.Parameters["$terms"].Value = string.Join(' ', terms);
            insertPassage.Parameters["$length"].Value = terms.Count;
            insertPassage.Parameters["$vector"].Value = TermVector.Encode(CollectionsMarshal.AsSpan(termIds));
            insertPassage.ExecuteNonQuery();
        }

        return document.Passages.Count;
    }

    /// <summary>Deletes a source, its passages and their full-text entries.</summary>
    public void Delete(long sourceId)
    {
        // Passages inserted by this writer are not in passage_fts yet; telling FTS5 to delete them would corrupt it.
        using var command = Command("""
            INSERT INTO passage_fts (passage_fts, rowid, terms)
                SELECT 'delete', id, terms FROM passages WHERE source_id = $id AND id <= $last;
            DELETE FROM passages WHERE source_id = $id;
            DELETE FROM sources WHERE id = $id;
            """);
        command.Parameters.AddWithValue("$id", sourceId);
        command.Parameters.AddWithValue("$last", lastIdBefore);
        command.ExecuteNonQuery();
    }

    /// <summary>Adds the new vocabulary and the new passages' terms to the full-text index.</summary>
    public void Complete()
    {
        if (newTerms.Count > 0)
        {
            using var insertTerm = Command("INSERT INTO vocabulary (id, term) VALUES ($id, $term)");
            var id = insertTerm.Parameters.Add("$id", SqliteType.Integer);
            var term = insertTerm.Parameters.Add("$term", SqliteType.Text);
            foreach (var (termId, text) in newTerms)
            {
                id.Value = termId;
                term.Value = text;
                insertTerm.ExecuteNonQuery();
            }

            newTerms.Clear();
        }

        using var index = Command("INSERT INTO passage_fts (rowid, terms) SELECT id, terms FROM passages WHERE id > $last");
        index.Parameters.AddWithValue("$last", lastIdBefore);
        index.ExecuteNonQuery();
    }

    public void Dispose() => insertPassage?.Dispose();

    private int IdOf(string term)
    {
        if (!vocabulary.TryGetValue(term, out var id))
        {
            id = vocabulary.Count + 1;
            vocabulary[term] = id;
            newTerms.Add((id, term));
        }

        return id;
    }

    private Dictionary<string, int> LoadVocabulary()
    {
        using var command = Command("SELECT id, term FROM vocabulary");
        using var reader = command.ExecuteReader();
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            terms[reader.GetString(1)] = reader.GetInt32(0);
        }

        return terms;
    }

    private long Scalar(string sql)
    {
        using var command = Command(sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteCommand CreateInsertPassage()
    {
        var command = Command("""
            INSERT INTO passages (source_id, ordinal, locator, text, terms, length, vector)
            VALUES ($source, $ordinal, $locator, $text, $terms, $length, $vector)
            """);
        foreach (var name in new[] { "$source", "$ordinal", "$locator", "$text", "$terms", "$length", "$vector" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
