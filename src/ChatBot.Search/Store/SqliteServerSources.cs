using System.Globalization;
using ChatBot.Core;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>The SQLite store's reads of a server's sources, audit log and quotas.</summary>
internal sealed class SqliteServerSources(PassageStore store) : IServerSourceStore
{
    public Page<SourceSummary> List(ulong guildId, int skip, int take)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteSummaries.Columns} FROM sources WHERE guild_id = $guild ORDER BY title COLLATE NOCASE, slug LIMIT $take OFFSET $skip;
            SELECT count(*) FROM sources WHERE guild_id = $guild;
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        using var reader = command.ExecuteReader();
        var items = SqliteSummaries.ReadAll(reader);
        reader.NextResult();
        reader.Read();
        return new Page<SourceSummary>(items, reader.GetInt32(0), skip);
    }

    public SourceDetails? Details(ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteSummaries.Columns}, origin, published, license,
                   (SELECT text FROM passages WHERE source_id = sources.id ORDER BY ordinal LIMIT 1), kind
            FROM sources WHERE slug = $slug AND guild_id IN ($guild, 0) ORDER BY guild_id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$slug", slug);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new SourceDetails(
            SqliteSummaries.Read(reader), reader.GetString(7), SqliteSummaries.NullableString(reader, 8), SqliteSummaries.NullableString(reader, 9),
            SqliteSummaries.NullableString(reader, 10), SqliteSummaries.NullableString(reader, 11) is { } text && SourceKinds.TryParse(text, out var kind) ? kind : null);
    }

    public IReadOnlyList<SourceSummary> Find(ulong guildId, string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqliteSummaries.Columns} FROM sources
            WHERE guild_id = $guild AND (title LIKE $pattern ESCAPE '\' OR slug LIKE $pattern ESCAPE '\')
            ORDER BY title COLLATE NOCASE, slug LIMIT $limit
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$pattern", LikePattern.Containing(text));
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        return SqliteSummaries.ReadAll(reader);
    }

    public IReadOnlyList<AuditEntry> History(ulong guildId, int limit)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, action, source_slug, title, actor_id, actor_name, passage_count FROM audit_log
            WHERE guild_id = $guild ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                new Actor((ulong)reader.GetInt64(4), reader.GetString(5)), reader.GetInt32(6)));
        }

        return entries;
    }

    public QuotaCounts Usage(ulong guildId, DateTimeOffset uploadsSince)
    {
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var usage = Usage(connection, transaction, guildId, uploadsSince);
        transaction.Commit();
        return usage;
    }

    internal static QuotaCounts Usage(SqliteConnection connection, SqliteTransaction transaction, ulong guildId, DateTimeOffset uploadsSince)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT count(*), coalesce(sum(passage_count), 0),
                   coalesce((SELECT sum(length(CAST(p.text AS BLOB))) FROM passages p JOIN sources s2 ON s2.id = p.source_id WHERE s2.guild_id = $guild), 0),
                   (SELECT count(*) FROM audit_log WHERE guild_id = $guild AND action = 'added' AND at >= $since)
            FROM sources WHERE guild_id = $guild
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$since", uploadsSince.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new QuotaCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt32(3));
    }
}

/// <summary>The columns of a <see cref="SourceSummary"/> in the SQLite store, and how to read them.</summary>
internal static class SqliteSummaries
{
    public const string Columns = "slug, title, author, url, passage_count, guild_id, indexed_at";

    public static List<SourceSummary> ReadAll(SqliteDataReader reader)
    {
        var items = new List<SourceSummary>();
        while (reader.Read())
        {
            items.Add(Read(reader));
        }

        return items;
    }

    public static SourceSummary Read(SqliteDataReader reader)
    {
        var guild = (ulong)reader.GetInt64(5);
        return new SourceSummary(
            reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3), reader.GetInt32(4),
            guild == 0 ? null : guild, DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture));
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>A LIKE pattern (escape character <c>\</c>) that matches text containing the given words literally.</summary>
internal static class LikePattern
{
    public static string Containing(string text)
        => "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
