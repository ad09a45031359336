using ChatBot.Core;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The PostgreSQL store's sources by title and kind, and their passages in order.</summary>
internal sealed class PostgresSourcePassages(NpgsqlDataSource dataSource) : ISourcePassages
{
    public IReadOnlyList<SourceTitle> Titles(CorpusScope scope)
    {
        using var command = dataSource.CreateCommand(
            "SELECT guild_id, slug, title FROM sources WHERE guild_id = 0 OR guild_id = @guild ORDER BY guild_id, slug COLLATE \"C\"");
        command.Parameters.AddWithValue("guild", (long)(scope.GuildId ?? 0));
        using var reader = command.ExecuteReader();
        var titles = new List<SourceTitle>();
        while (reader.Read())
        {
            titles.Add(new SourceTitle((ulong)reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return titles;
    }

    public (IReadOnlySet<string> Bundled, IReadOnlySet<string> Server) OfKind(CorpusScope scope, SourceKind kind)
    {
        using var command = dataSource.CreateCommand("SELECT guild_id, slug FROM sources WHERE (guild_id = 0 OR guild_id = @guild) AND kind = @kind");
        command.Parameters.AddWithValue("guild", (long)(scope.GuildId ?? 0));
        command.Parameters.AddWithValue("kind", SourceKinds.Name(kind));
        using var reader = command.ExecuteReader();
        return SourceSlugsByScope.Read(reader);
    }

    public IReadOnlyList<PassageRow> First(ulong guildId, string slug, int limit)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var command = dataSource.CreateCommand($"""
            SELECT {PostgresPassageRows.Columns} FROM passages p JOIN sources s ON s.id = p.source_id
            WHERE s.guild_id = @guild AND s.slug = @slug ORDER BY p.ordinal LIMIT @limit
            """);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("slug", slug);
        command.Parameters.AddWithValue("limit", Math.Max(0, limit));
        using var reader = command.ExecuteReader();
        var rows = new List<PassageRow>();
        while (reader.Read())
        {
            rows.Add(PostgresPassageRows.Read(reader));
        }

        return rows;
    }
}
