using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>A stored source's slug and content hash: what re-indexing compares a file with.</summary>
public sealed record StoredSourceHash(string Slug, string ContentHash);

/// <summary>Queries about a scope's sources that writers need inside their transaction.</summary>
public static class StoredSources
{
    /// <summary>The sources of a scope (0: the bundled corpus) by slug, with their content hashes.</summary>
    public static Dictionary<string, StoredSourceHash> Hashes(SqliteConnection connection, SqliteTransaction? transaction, ulong guildId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT slug, content_hash FROM sources WHERE guild_id = $guild";
        command.Parameters.AddWithValue("$guild", (long)guildId);
        using var reader = command.ExecuteReader();
        var sources = new Dictionary<string, StoredSourceHash>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var source = new StoredSourceHash(reader.GetString(0), reader.GetString(1));
            sources[source.Slug] = source;
        }

        return sources;
    }

    /// <summary>How many sources and passages a scope (0: the bundled corpus) holds, itself alone.</summary>
    public static (int Sources, int Passages) Count(PassageStore store, ulong guildId)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(passage_count), 0) FROM sources WHERE guild_id = $guild";
        command.Parameters.AddWithValue("$guild", (long)guildId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }
}
