using System.Data;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The PostgreSQL store's change log; a catch-up or a rebuild reads in one snapshot (REPEATABLE READ, read only).</summary>
internal sealed class PostgresChangeLog(NpgsqlDataSource dataSource) : IChangeLog
{
    public IReadOnlyDictionary<ulong, long> LastChanges()
    {
        using var command = dataSource.CreateCommand("SELECT guild_id, max(id) FROM changes GROUP BY guild_id");
        using var reader = command.ExecuteReader();
        var last = new Dictionary<ulong, long>();
        while (reader.Read())
        {
            last[(ulong)reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return last;
    }

    public long LastChange()
    {
        using var command = dataSource.CreateCommand("SELECT coalesce(max(id), 0) FROM changes");
        return (long)command.ExecuteScalar()!;
    }

    public (IReadOnlyList<(string Slug, IReadOnlyList<PassageText> Passages)> Sources, long LastId) ChangedSince(ulong guildId, long afterId)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = Snapshot(connection);
        var slugs = new List<string>();
        var last = afterId;
        using (var command = new NpgsqlCommand(
            "SELECT slug, max(id) FROM changes WHERE guild_id = @guild AND id > @after GROUP BY slug ORDER BY slug COLLATE \"C\"", connection, transaction))
        {
            command.Parameters.AddWithValue("guild", (long)guildId);
            command.Parameters.AddWithValue("after", afterId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                slugs.Add(reader.GetString(0));
                last = Math.Max(last, reader.GetInt64(1));
            }
        }

        var sources = new List<(string, IReadOnlyList<PassageText>)>(slugs.Count);
        using var passages = new NpgsqlCommand(
            """
            SELECT p.id, s.slug, p.text, p.tokens FROM passages p JOIN sources s ON s.id = p.source_id
            WHERE s.guild_id = @guild AND s.slug = @slug ORDER BY p.id
            """, connection, transaction);
        passages.Parameters.AddWithValue("guild", (long)guildId);
        var slug = passages.Parameters.Add("slug", NpgsqlTypes.NpgsqlDbType.Text);
        foreach (var name in slugs)
        {
            slug.Value = name;
            using var reader = passages.ExecuteReader();
            sources.Add((name, [.. Stream(reader)]));
        }

        transaction.Commit();
        return (sources, last);
    }

    public long ReadScope(ulong guildId, Action<IEnumerable<PassageText>, long> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var connection = dataSource.OpenConnection();
        using var transaction = Snapshot(connection);
        long lastId;
        using (var last = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM changes WHERE guild_id = @guild", connection, transaction))
        {
            last.Parameters.AddWithValue("guild", (long)guildId);
            lastId = (long)last.ExecuteScalar()!;
        }

        using (var passages = new NpgsqlCommand(
            "SELECT p.id, s.slug, p.text, p.tokens FROM passages p JOIN sources s ON s.id = p.source_id WHERE s.guild_id = @guild", connection, transaction))
        {
            passages.Parameters.AddWithValue("guild", (long)guildId);
            using var reader = passages.ExecuteReader();
            consume(Stream(reader), lastId);
        }

        transaction.Commit();
        return lastId;
    }

    private static NpgsqlTransaction Snapshot(NpgsqlConnection connection)
    {
        var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
        readOnly.ExecuteNonQuery();
        return transaction;
    }

    private static IEnumerable<PassageText> Stream(NpgsqlDataReader reader)
    {
        while (reader.Read())
        {
            yield return new PassageText(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3));
        }
    }
}
