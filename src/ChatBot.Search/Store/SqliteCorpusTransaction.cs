using System.Globalization;
using ChatBot.Core;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>
/// The SQLite store's write transaction: BEGIN IMMEDIATE, so one writer at a time across processes and what is read
/// here stays true until the commit, while readers keep answering from the last commit (WAL).
/// </summary>
internal sealed class SqliteCorpusTransaction : ICorpusTransaction
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly SourceWriter writer;

    public SqliteCorpusTransaction(PassageStore store)
    {
        connection = store.OpenConnection();
        try
        {
            transaction = connection.BeginTransaction();
            writer = new SourceWriter(connection, transaction);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public long LastChangeId => writer.LastChangeId;

    public IReadOnlyDictionary<string, StoredSourceHash> Hashes(ulong guildId) => StoredSources.Hashes(connection, transaction, guildId);

    public SourceSummary? FindSource(ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = Command($"SELECT {SqliteSummaries.Columns} FROM sources WHERE guild_id = $guild AND slug = $slug");
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$slug", slug);
        using var reader = command.ExecuteReader();
        return reader.Read() ? SqliteSummaries.Read(reader) : null;
    }

    public bool IsBundledSlug(string slug)
    {
        using var command = Command("SELECT EXISTS (SELECT 1 FROM sources WHERE slug = $slug AND guild_id = 0)");
        command.Parameters.AddWithValue("$slug", slug);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    public QuotaCounts Usage(ulong guildId, DateTimeOffset uploadsSince) => SqliteServerSources.Usage(connection, transaction, guildId, uploadsSince);

    public long ReservePassageIds(int count) => writer.ReservePassageIds(count);

    public void Insert(SourceRecord source, ulong guildId, DateTimeOffset? indexedAt = null)
        => writer.Insert(source, guildId, indexedAt?.ToString("O", CultureInfo.InvariantCulture));

    public void Delete(ulong guildId, string slug) => writer.Delete(guildId, slug);

    public void Audit(ulong guildId, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = Command("""
            INSERT INTO audit_log (at, guild_id, action, source_slug, title, actor_id, actor_name, passage_count)
            VALUES ($at, $guild, $action, $slug, $title, $actorId, $actorName, $passages)
            """);
        command.Parameters.AddWithValue("$at", entry.At.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$slug", entry.SourceId);
        command.Parameters.AddWithValue("$title", entry.Title);
        command.Parameters.AddWithValue("$actorId", (long)entry.Actor.Id);
        command.Parameters.AddWithValue("$actorName", entry.Actor.Name);
        command.Parameters.AddWithValue("$passages", entry.PassageCount);
        command.ExecuteNonQuery();
    }

    public void Commit() => transaction.Commit();

    public void Dispose()
    {
        writer.Dispose();
        transaction.Dispose();
        connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
