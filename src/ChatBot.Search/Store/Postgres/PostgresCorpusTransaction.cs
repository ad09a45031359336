using System.Globalization;
using ChatBot.Core;
using Npgsql;
using NpgsqlTypes;

namespace ChatBot.Search.Store.Postgres;

/// <summary>
/// The PostgreSQL store's write transaction. It takes the corpus write lock first, so writers of every process go one
/// at a time: what is read here (hashes, quotas, taken slugs) stays true until the commit, passage ids come from a
/// counter no other writer moves meanwhile, and change ids become visible in the order they were given. The commit
/// notifies the followers of the change log.
/// </summary>
internal sealed class PostgresCorpusTransaction : ICorpusTransaction
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly long firstFreeId;
    private long lastPassageId;
    private long lastChangeId;

    public PostgresCorpusTransaction(NpgsqlDataSource dataSource)
    {
        connection = dataSource.OpenConnection();
        try
        {
            transaction = connection.BeginTransaction();
            using (var lockCorpus = Command(PostgresLocks.CorpusWrite))
            {
                lockCorpus.ExecuteNonQuery();
            }

            using var counter = Command("""
                SELECT greatest((SELECT value::bigint FROM meta WHERE key = 'passage_ids_reserved'), (SELECT coalesce(max(id), 0) FROM passages))
                """);
            lastPassageId = (long)counter.ExecuteScalar()!;
            firstFreeId = lastPassageId;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public long LastChangeId => lastChangeId;

    public IReadOnlyDictionary<string, StoredSourceHash> Hashes(ulong guildId)
    {
        using var command = Command("SELECT slug, content_hash FROM sources WHERE guild_id = @guild");
        command.Parameters.AddWithValue("guild", (long)guildId);
        using var reader = command.ExecuteReader();
        var sources = new Dictionary<string, StoredSourceHash>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var source = new StoredSourceHash(reader.GetString(0), reader.GetString(1));
            sources[source.Slug] = source;
        }

        return sources;
    }

    public SourceSummary? FindSource(ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = Command($"SELECT {PostgresSummaries.Columns} FROM sources WHERE guild_id = @guild AND slug = @slug");
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        using var reader = command.ExecuteReader();
        return reader.Read() ? PostgresSummaries.Read(reader) : null;
    }

    public bool IsBundledSlug(string slug)
    {
        using var command = Command("SELECT EXISTS (SELECT 1 FROM sources WHERE slug = @slug AND guild_id = 0)");
        command.Parameters.AddWithValue("slug", slug);
        return (bool)command.ExecuteScalar()!;
    }

    public QuotaCounts Usage(ulong guildId, DateTimeOffset uploadsSince) => PostgresServerSources.Usage(connection, transaction, guildId, uploadsSince);

    public StoredWebSource? FindWebSource(ulong guildId, string slug) => PostgresWebSources.Find(connection, transaction, guildId, slug);

    public void MarkWebChecked(ulong guildId, string slug, string? etag, string? lastModified, string checkedAt, bool gone)
        => PostgresWebSources.MarkChecked(connection, transaction, guildId, slug, etag, lastModified, checkedAt, gone);

    public long SourceTextBytes(ulong guildId, string slug) => PostgresWebSources.TextBytes(connection, transaction, guildId, slug);

    public long ReservePassageIds(int count) => Interlocked.Add(ref lastPassageId, count) - count + 1;

    public void Insert(SourceRecord source, ulong guildId, DateTimeOffset? indexedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        long sourceId;
        using (var insert = Command("""
            INSERT INTO sources (guild_id, slug, origin, title, author, url, published, license, content_hash, passage_count, indexed_at, kind)
            VALUES (@guild, @slug, @origin, @title, @author, @url, @published, @license, @hash, @count, @at, @kind)
            RETURNING id
            """))
        {
            insert.Parameters.AddWithValue("guild", (long)guildId);
            insert.Parameters.AddWithValue("slug", source.Slug);
            insert.Parameters.AddWithValue("origin", source.Origin);
            insert.Parameters.AddWithValue("title", source.Title);
            insert.Parameters.AddWithValue("author", NpgsqlDbType.Text, (object?)source.Author ?? DBNull.Value);
            insert.Parameters.AddWithValue("url", NpgsqlDbType.Text, (object?)source.Url ?? DBNull.Value);
            insert.Parameters.AddWithValue("published", NpgsqlDbType.Text, (object?)source.Published ?? DBNull.Value);
            insert.Parameters.AddWithValue("license", NpgsqlDbType.Text, (object?)source.License ?? DBNull.Value);
            insert.Parameters.AddWithValue("hash", source.ContentHash);
            insert.Parameters.AddWithValue("kind", NpgsqlDbType.Text, (object?)source.Kind ?? DBNull.Value);
            insert.Parameters.AddWithValue("count", source.Passages.Count);
            insert.Parameters.AddWithValue("at", (indexedAt ?? DateTimeOffset.UtcNow).ToUniversalTime());
            sourceId = (long)insert.ExecuteScalar()!;
        }

        // COPY: a large source's passages in one stream, not a round trip each.
        using (var copy = connection.BeginBinaryImport("COPY passages (id, source_id, ordinal, locator, text, tokens, page) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var passage in source.Passages)
            {
                copy.StartRow();
                copy.Write(passage.RowId, NpgsqlDbType.Bigint);
                copy.Write(sourceId, NpgsqlDbType.Bigint);
                copy.Write(passage.Ordinal, NpgsqlDbType.Integer);
                copy.Write(passage.Locator, NpgsqlDbType.Text);
                copy.Write(passage.Text, NpgsqlDbType.Text);
                if (passage.Tokens is { } tokens)
                {
                    copy.Write(tokens, NpgsqlDbType.Bytea);
                }
                else
                {
                    copy.WriteNull();
                }

                if (passage.Page is { } page)
                {
                    copy.Write(page, NpgsqlDbType.Integer);
                }
                else
                {
                    copy.WriteNull();
                }
            }

            copy.Complete();
        }

        if (source.Web is { } web)
        {
            PostgresWebSources.Insert(connection, transaction, sourceId, web);
        }

        LogChange(guildId, source.Slug);
    }

    public void Delete(ulong guildId, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = Command("DELETE FROM sources WHERE guild_id = @guild AND slug = @slug"); // passages go with it (ON DELETE CASCADE)
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        command.ExecuteNonQuery();
        LogChange(guildId, slug);
    }

    public void Audit(ulong guildId, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = Command("""
            INSERT INTO audit_log (at, guild_id, action, source_slug, title, actor_id, actor_name, passage_count)
            VALUES (@at, @guild, @action, @slug, @title, @actorId, @actorName, @passages)
            """);
        command.Parameters.AddWithValue("at", entry.At.ToUniversalTime());
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("action", entry.Action);
        command.Parameters.AddWithValue("slug", entry.SourceId);
        command.Parameters.AddWithValue("title", entry.Title);
        command.Parameters.AddWithValue("actorId", (long)entry.Actor.Id);
        command.Parameters.AddWithValue("actorName", entry.Actor.Name);
        command.Parameters.AddWithValue("passages", entry.PassageCount);
        command.ExecuteNonQuery();
    }

    public void Commit()
    {
        var last = Interlocked.Read(ref lastPassageId);
        if (last != firstFreeId)
        {
            using var counter = Command("UPDATE meta SET value = @last WHERE key = 'passage_ids_reserved'");
            counter.Parameters.AddWithValue("last", last.ToString(CultureInfo.InvariantCulture));
            counter.ExecuteNonQuery();
        }

        if (lastChangeId > 0)
        {
            // Delivered when the transaction commits, and only then.
            using var notify = Command("SELECT pg_notify(@channel, current_schema())");
            notify.Parameters.AddWithValue("channel", PostgresLocks.ChangesChannel);
            notify.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        transaction.Dispose();
        connection.Dispose();
    }

    private void LogChange(ulong guildId, string slug)
    {
        using var command = Command("INSERT INTO changes (guild_id, slug) VALUES (@guild, @slug) RETURNING id");
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        lastChangeId = (long)command.ExecuteScalar()!;
    }

    private NpgsqlCommand Command(string sql) => new(sql, connection, transaction);
}
