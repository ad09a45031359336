using System.Globalization;
using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>Lists the sources a scope sees: the global corpus plus, in a server, that server's own.</summary>
public sealed class SourceCatalog(PassageStore store) : ISourceCatalog
{
    public ValueTask<IReadOnlyList<SourceSummary>> ListSourcesAsync(CorpusScope scope, CancellationToken cancellationToken)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT slug, title, author, url, passage_count, guild_id, indexed_at FROM sources
            WHERE guild_id = 0 OR guild_id = $guild
            ORDER BY guild_id <> 0, title COLLATE NOCASE, slug
            """;
        command.Parameters.AddWithValue("$guild", (long)(scope.GuildId ?? 0));
        using var reader = command.ExecuteReader();
        var sources = new List<SourceSummary>();
        while (reader.Read())
        {
            var guild = (ulong)reader.GetInt64(5);
            sources.Add(new SourceSummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt32(4),
                guild == 0 ? null : guild,
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }

        return ValueTask.FromResult<IReadOnlyList<SourceSummary>>(sources);
    }

    public ValueTask<CorpusStats> GetStatsAsync(CorpusScope scope, CancellationToken cancellationToken)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(passage_count), 0) FROM sources WHERE guild_id = 0 OR guild_id = $guild";
        command.Parameters.AddWithValue("$guild", (long)(scope.GuildId ?? 0));
        using var reader = command.ExecuteReader();
        reader.Read();
        return ValueTask.FromResult(new CorpusStats(reader.GetInt32(0), reader.GetInt32(1)));
    }
}
