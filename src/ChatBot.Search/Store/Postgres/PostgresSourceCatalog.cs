using ChatBot.Core;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>Lists the sources a scope sees from the PostgreSQL store: the global corpus plus, in a server, that server's own.</summary>
internal sealed class PostgresSourceCatalog(NpgsqlDataSource dataSource) : ISourceCatalog
{
    public ValueTask<IReadOnlyList<SourceSummary>> ListSourcesAsync(CorpusScope scope, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand($"""
            SELECT {PostgresSummaries.Columns} FROM sources WHERE guild_id = 0 OR guild_id = @guild
            ORDER BY guild_id <> 0, {PostgresSummaries.ByTitle}
            """);
        command.Parameters.AddWithValue("guild", (long)(scope.GuildId ?? 0));
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult<IReadOnlyList<SourceSummary>>(PostgresSummaries.ReadAll(reader));
    }

    public ValueTask<CorpusStats> GetStatsAsync(CorpusScope scope, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand(
            "SELECT count(*)::int, coalesce(sum(passage_count), 0)::int FROM sources WHERE guild_id = 0 OR guild_id = @guild");
        command.Parameters.AddWithValue("guild", (long)(scope.GuildId ?? 0));
        using var reader = command.ExecuteReader();
        reader.Read();
        return ValueTask.FromResult(new CorpusStats(reader.GetInt32(0), reader.GetInt32(1)));
    }
}
