using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>The SQLite store's change log; its ids come from AUTOINCREMENT under the one write lock, so they only grow.</summary>
public sealed class ChangeLog(PassageStore store) : IChangeLog
{
    public IReadOnlyDictionary<ulong, long> LastChanges()
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT guild_id, max(id) FROM changes GROUP BY guild_id";
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
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM changes";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public (IReadOnlyList<(string Slug, IReadOnlyList<PassageText> Passages)> Sources, long LastId) ChangedSince(ulong guildId, long afterId)
    {
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT slug, max(id) FROM changes WHERE guild_id = $guild AND id > $after GROUP BY slug ORDER BY slug";
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$after", afterId);
        var slugs = new List<string>();
        var last = afterId;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                slugs.Add(reader.GetString(0));
                last = Math.Max(last, reader.GetInt64(1));
            }
        }

        var sources = new List<(string, IReadOnlyList<PassageText>)>(slugs.Count);
        using var passages = connection.CreateCommand();
        passages.Transaction = transaction;
        passages.CommandText = """
            SELECT p.id, s.slug, p.text, p.tokens FROM passages p JOIN sources s ON s.id = p.source_id
            WHERE s.guild_id = $guild AND s.slug = $slug ORDER BY p.id
            """;
        var guild = passages.Parameters.AddWithValue("$guild", (long)guildId);
        var slug = passages.Parameters.Add("$slug", SqliteType.Text);
        foreach (var name in slugs)
        {
            slug.Value = name;
            sources.Add((name, ReadPassages(passages)));
        }

        transaction.Commit();
        return (sources, last);
    }

    public long ReadScope(ulong guildId, Action<IEnumerable<PassageText>, long> consume)
    {
        ArgumentNullException.ThrowIfNull(consume);
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT coalesce(max(id), 0) FROM changes WHERE guild_id = $guild";
        last.Parameters.AddWithValue("$guild", (long)guildId);
        var lastId = Convert.ToInt64(last.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        using var passages = connection.CreateCommand();
        passages.Transaction = transaction;
        passages.CommandText = "SELECT p.id, s.slug, p.text, p.tokens FROM passages p JOIN sources s ON s.id = p.source_id WHERE s.guild_id = $guild";
        passages.Parameters.AddWithValue("$guild", (long)guildId);
        using (var reader = passages.ExecuteReader())
        {
            consume(Stream(reader), lastId);
        }

        transaction.Commit();
        return lastId;
    }

    private static IEnumerable<PassageText> Stream(SqliteDataReader reader)
    {
        while (reader.Read())
        {
            yield return new PassageText(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3));
        }
    }

    private static List<PassageText> ReadPassages(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return [.. Stream(reader)];
    }
}
