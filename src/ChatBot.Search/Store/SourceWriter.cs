using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>
/// Writes sources with their passages inside one write transaction and logs every change of a source in the
/// change log, which the search index follows. Passage row ids are handed out up front
/// (<see cref="ReservePassageIds"/>, thread-safe), so the index can take a passage before its row is written;
/// AUTOINCREMENT's counter means an id is never given out twice, even after deletes.
/// </summary>
public sealed class SourceWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private long lastPassageId;
    private long lastChangeId;
    private PassageInsert? insertPassage;
    private PassageInsert? insertPassages;
    private SqliteCommand? logChange;

    public SourceWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        this.connection = connection;
        this.transaction = transaction;
        using var command = Command("""
            SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'passages'), 0),
                   coalesce((SELECT max(id) FROM passages), 0)
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        lastPassageId = Math.Max(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The id of the last change this writer logged; 0 when it logged none.</summary>
    public long LastChangeId => lastChangeId;

    /// <summary>Reserves <paramref name="count"/> passage row ids; returns the first.</summary>
    public long ReservePassageIds(int count) => Interlocked.Add(ref lastPassageId, count) - count + 1;

    /// <summary>Inserts a source of <paramref name="guildId"/> (0: the bundled corpus) and its passages, and logs the change.</summary>
    public void Insert(SourceRecord source, ulong guildId, string? indexedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var insertSource = Command("""
            INSERT INTO sources (guild_id, slug, origin, title, author, url, published, license, content_hash, passage_count, indexed_at, kind)
            VALUES ($guild, $slug, $origin, $title, $author, $url, $published, $license, $hash, $count, $at, $kind);
            SELECT last_insert_rowid();
            """);
        insertSource.Parameters.AddWithValue("$guild", (long)guildId);
        insertSource.Parameters.AddWithValue("$slug", source.Slug);
        insertSource.Parameters.AddWithValue("$origin", source.Origin);
        insertSource.Parameters.AddWithValue("$title", source.Title);
        insertSource.Parameters.AddWithValue("$author", (object?)source.Author ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$url", (object?)source.Url ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$published", (object?)source.Published ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$license", (object?)source.License ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$hash", source.ContentHash);
        insertSource.Parameters.AddWithValue("$kind", (object?)source.Kind ?? DBNull.Value);
        insertSource.Parameters.AddWithValue("$count", source.Passages.Count);
        insertSource.Parameters.AddWithValue("$at", indexedAt ?? DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        var sourceId = Convert.ToInt64(insertSource.ExecuteScalar(), CultureInfo.InvariantCulture);

        var passages = source.Passages;
        var written = 0;
        if (passages.Count >= RowsPerInsert)
        {
            insertPassages ??= new PassageInsert(connection, RowsPerInsert);
            for (; written + RowsPerInsert <= passages.Count; written += RowsPerInsert)
            {
                insertPassages.Execute(passages, written, sourceId);
            }
        }

        if (written < passages.Count)
        {
            insertPassage ??= new PassageInsert(connection, 1);
            for (; written < passages.Count; written++)
            {
                insertPassage.Execute(passages, written, sourceId);
            }
        }

        if (source.Web is { } web)
        {
            SqliteWebSources.Insert(connection, transaction, sourceId, web);
        }

        LogChange(guildId, source.Slug);
    }

    /// <summary>Deletes a source of <paramref name="guildId"/> with its passages, and logs the change.</summary>
    public void Delete(ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = Command("""
            DELETE FROM passages WHERE source_id IN (SELECT id FROM sources WHERE guild_id = $guild AND slug = $slug);
            DELETE FROM web_sources WHERE source_id IN (SELECT id FROM sources WHERE guild_id = $guild AND slug = $slug);
            DELETE FROM sources WHERE guild_id = $guild AND slug = $slug;
            """);
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$slug", slug);
        command.ExecuteNonQuery();
        LogChange(guildId, slug);
    }

    public void Dispose()
    {
        insertPassage?.Dispose();
        insertPassages?.Dispose();
        logChange?.Dispose();
    }

    private void LogChange(ulong guildId, string slug)
    {
        logChange ??= Prepare("INSERT INTO changes (guild_id, slug) VALUES ($guild, $slug) RETURNING id", "$guild", "$slug");
        logChange.Parameters["$guild"].Value = (long)guildId;
        logChange.Parameters["$slug"].Value = slug;
        lastChangeId = Convert.ToInt64(logChange.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Passages written by one statement: a bulk load of a source's passages pays the statement's overhead (stepping,
    /// resetting) once per this many rows instead of once per row.
    /// </summary>
    private const int RowsPerInsert = 32;

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
