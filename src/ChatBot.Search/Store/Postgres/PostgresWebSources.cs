using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The PostgreSQL store's web sources: the queries, for a connection and transaction, and the store's reads outside one.</summary>
internal sealed class PostgresWebSources(NpgsqlDataSource dataSource) : IWebSourceStore
{
    private const string Columns = """
        s.guild_id, s.slug, s.origin, s.title, s.author, s.url, s.published, s.license, s.content_hash, s.passage_count, s.indexed_at,
        w.fetch_url, w.etag, w.last_modified, w.page_hash, w.checked_at, w.gone_since, s.kind
        """;

    public StoredWebSource? Find(ulong guildId, string slug)
    {
        using var connection = dataSource.OpenConnection();
        return Find(connection, null, guildId, slug);
    }

    public IReadOnlyList<StoredWebSource> Due(DateTimeOffset checkedBefore, int limit)
    {
        using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM sources s JOIN web_sources w ON w.source_id = s.id WHERE w.checked_at < @before ORDER BY w.checked_at LIMIT @limit");
        command.Parameters.AddWithValue("before", checkedBefore.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("limit", limit);
        using var reader = command.ExecuteReader();
        var due = new List<StoredWebSource>();
        while (reader.Read())
        {
            due.Add(Read(reader));
        }

        return due;
    }

    public void MarkChecked(ulong guildId, string slug, string? etag, string? lastModified, string checkedAt, bool gone)
    {
        using var connection = dataSource.OpenConnection();
        MarkChecked(connection, null, guildId, slug, etag, lastModified, checkedAt, gone);
    }

    internal static void Insert(NpgsqlConnection connection, NpgsqlTransaction? transaction, long sourceId, WebSourceState web)
    {
        using var command = new NpgsqlCommand(
            """
            INSERT INTO web_sources (source_id, fetch_url, etag, last_modified, page_hash, checked_at, gone_since)
            VALUES (@source, @url, @etag, @modified, @hash, @checked, @gone)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.AddWithValue("url", web.FetchUrl);
        command.Parameters.AddWithValue("etag", NpgsqlDbType.Text, (object?)web.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("modified", NpgsqlDbType.Text, (object?)web.LastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("hash", web.PageHash);
        command.Parameters.AddWithValue("checked", web.CheckedAt);
        command.Parameters.AddWithValue("gone", NpgsqlDbType.Text, (object?)web.GoneSince ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    internal static StoredWebSource? Find(NpgsqlConnection connection, NpgsqlTransaction? transaction, ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM sources s JOIN web_sources w ON w.source_id = s.id WHERE s.guild_id = @guild AND s.slug = @slug", connection, transaction);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    internal static void MarkChecked(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, ulong guildId, string slug, string? etag, string? lastModified, string checkedAt, bool gone)
    {
        using var command = new NpgsqlCommand(
            """
            UPDATE web_sources SET etag = coalesce(@etag, etag), last_modified = coalesce(@modified, last_modified), checked_at = @checked,
                   gone_since = CASE WHEN @gone THEN coalesce(gone_since, @checked) ELSE NULL END
            WHERE source_id = (SELECT id FROM sources WHERE guild_id = @guild AND slug = @slug)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        command.Parameters.AddWithValue("etag", NpgsqlDbType.Text, (object?)etag ?? DBNull.Value);
        command.Parameters.AddWithValue("modified", NpgsqlDbType.Text, (object?)lastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("checked", NpgsqlDbType.Text, checkedAt);
        command.Parameters.AddWithValue("gone", gone);
        command.ExecuteNonQuery();
    }

    internal static long TextBytes(NpgsqlConnection connection, NpgsqlTransaction? transaction, ulong guildId, string slug)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT coalesce(sum(octet_length(p.text)), 0) FROM passages p JOIN sources s ON s.id = p.source_id
            WHERE s.guild_id = @guild AND s.slug = @slug
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static StoredWebSource Read(NpgsqlDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new StoredWebSource(
            (ulong)reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(4), Text(5), Text(6), Text(7),
            reader.GetString(8), reader.GetInt32(9),
            reader.GetFieldValue<DateTimeOffset>(10).ToString("O", CultureInfo.InvariantCulture),
            new WebSourceState(reader.GetString(11), Text(12), Text(13), reader.GetString(14), reader.GetString(15), Text(16)), Text(17));
    }
}
