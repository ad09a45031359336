using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>A source a scope sees, by title: what a topic is matched with beside the passages' own words.</summary>
public sealed record SourceTitle(ulong GuildId, string Slug, string Title);

/// <summary>Sources by title and their passages in order, for tools that read whole sources (the timeline).</summary>
public interface ISourcePassages
{
    /// <summary>The sources <paramref name="scope"/> sees: the bundled corpus and, in a server, that server's own.</summary>
    IReadOnlyList<SourceTitle> Titles(CorpusScope scope);

    /// <summary>The first <paramref name="limit"/> passages of a source, in order.</summary>
    IReadOnlyList<PassageRow> First(ulong guildId, string slug, int limit);

    /// <summary>The slugs of the sources of one kind that <paramref name="scope"/> sees: of the bundled corpus, and of the scope's server.</summary>
    (IReadOnlySet<string> Bundled, IReadOnlySet<string> Server) OfKind(CorpusScope scope, SourceKind kind);
}

public sealed class SourcePassages(PassageStore store) : ISourcePassages
{
    public IReadOnlyList<SourceTitle> Titles(CorpusScope scope)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT guild_id, slug, title FROM sources WHERE guild_id = 0 OR guild_id = $guild ORDER BY guild_id, slug";
        command.Parameters.AddWithValue("$guild", (long)(scope.GuildId ?? 0));
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
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT guild_id, slug FROM sources WHERE (guild_id = 0 OR guild_id = $guild) AND kind = $kind";
        command.Parameters.AddWithValue("$guild", (long)(scope.GuildId ?? 0));
        command.Parameters.AddWithValue("$kind", SourceKinds.Name(kind));
        using var reader = command.ExecuteReader();
        var bundled = new HashSet<string>(StringComparer.Ordinal);
        var server = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            (reader.GetInt64(0) == 0 ? bundled : server).Add(reader.GetString(1));
        }

        return (bundled, server);
    }

    public IReadOnlyList<PassageRow> First(ulong guildId, string slug, int limit)
    {
        ArgumentNullException.ThrowIfNull(slug);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {PassageRows.Columns} FROM passages p JOIN sources s ON s.id = p.source_id
            WHERE s.guild_id = $guild AND s.slug = $slug ORDER BY p.ordinal LIMIT $limit
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$slug", slug);
        command.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        using var reader = command.ExecuteReader();
        var rows = new List<PassageRow>();
        while (reader.Read())
        {
            rows.Add(PassageRows.Read(reader));
        }

        return rows;
    }
}
