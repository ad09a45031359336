using System.Data;
using ChatBot.Core;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The PostgreSQL store's reads of a server's sources, audit log and quotas.</summary>
internal sealed class PostgresServerSources(NpgsqlDataSource dataSource) : IServerSourceStore
{
    public Page<SourceSummary> List(ulong guildId, int skip, int take)
    {
        using var batch = dataSource.CreateBatch();
        var page = new NpgsqlBatchCommand(
            $"SELECT {PostgresSummaries.Columns} FROM sources WHERE guild_id = @guild ORDER BY {PostgresSummaries.ByTitle} LIMIT @take OFFSET @skip");
        page.Parameters.AddWithValue("guild", (long)guildId);
        page.Parameters.AddWithValue("take", take);
        page.Parameters.AddWithValue("skip", skip);
        var total = new NpgsqlBatchCommand("SELECT count(*)::int FROM sources WHERE guild_id = @guild");
        total.Parameters.AddWithValue("guild", (long)guildId);
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(total);
        using var reader = batch.ExecuteReader();
        var items = PostgresSummaries.ReadAll(reader);
        reader.NextResult();
        reader.Read();
        return new Page<SourceSummary>(items, reader.GetInt32(0), skip);
    }

    public SourceDetails? Details(ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = dataSource.CreateCommand($"""
            SELECT {PostgresSummaries.Columns}, origin, published, license,
                   (SELECT text FROM passages WHERE source_id = sources.id ORDER BY ordinal LIMIT 1), kind
            FROM sources WHERE slug = @slug AND guild_id IN (@guild, 0) ORDER BY guild_id DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new SourceDetails(
            PostgresSummaries.Read(reader), reader.GetString(7), PostgresSummaries.NullableString(reader, 8), PostgresSummaries.NullableString(reader, 9),
            PostgresSummaries.NullableString(reader, 10), PostgresSummaries.NullableString(reader, 11) is { } text && SourceKinds.TryParse(text, out var kind) ? kind : null);
    }

    public IReadOnlyList<SourceSummary> Find(ulong guildId, string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var command = dataSource.CreateCommand($"""
            SELECT {PostgresSummaries.Columns} FROM sources
            WHERE guild_id = @guild AND (title ILIKE @pattern ESCAPE '\' OR slug ILIKE @pattern ESCAPE '\')
            ORDER BY {PostgresSummaries.ByTitle} LIMIT @limit
            """);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("pattern", LikePattern.Containing(text));
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        return PostgresSummaries.ReadAll(reader);
    }

    public IReadOnlyList<AuditEntry> History(ulong guildId, int limit)
    {
        using var command = dataSource.CreateCommand("""
            SELECT at, action, source_slug, title, actor_id, actor_name, passage_count FROM audit_log
            WHERE guild_id = @guild ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                new Actor((ulong)reader.GetInt64(4), reader.GetString(5)), reader.GetInt32(6)));
        }

        return entries;
    }

    public QuotaCounts Usage(ulong guildId, DateTimeOffset uploadsSince)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        var usage = Usage(connection, transaction, guildId, uploadsSince);
        transaction.Commit();
        return usage;
    }

    internal static QuotaCounts Usage(NpgsqlConnection connection, NpgsqlTransaction transaction, ulong guildId, DateTimeOffset uploadsSince)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int, coalesce(sum(passage_count), 0)::int,
                   coalesce((SELECT sum(octet_length(p.text)) FROM passages p JOIN sources s2 ON s2.id = p.source_id WHERE s2.guild_id = @guild), 0)::bigint,
                   (SELECT count(*)::int FROM audit_log WHERE guild_id = @guild AND action = 'added' AND at >= @since)
            FROM sources WHERE guild_id = @guild
            """, connection, transaction);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("since", uploadsSince.ToUniversalTime());
        using var reader = command.ExecuteReader();
        reader.Read();
        return new QuotaCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3));
    }
}
