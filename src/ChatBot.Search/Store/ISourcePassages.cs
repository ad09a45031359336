using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>A source a scope sees, by title: what a topic is matched with beside the passages' own words.</summary>
public sealed record SourceTitle(ulong GuildId, string Slug, string Title);

/// <summary>Sources by title, by kind, and their passages in order, for tools that read whole sources (the timeline) or choose among them (a kind of source).</summary>
public interface ISourcePassages
{
    /// <summary>The sources <paramref name="scope"/> sees: the bundled corpus and, in a server, that server's own, by server then slug.</summary>
    IReadOnlyList<SourceTitle> Titles(CorpusScope scope);

    /// <summary>The first <paramref name="limit"/> passages of a source, in order.</summary>
    IReadOnlyList<PassageRow> First(ulong guildId, string slug, int limit);

    /// <summary>The slugs of the sources of one kind that <paramref name="scope"/> sees: of the bundled corpus, and of the scope's server.</summary>
    (IReadOnlySet<string> Bundled, IReadOnlySet<string> Server) OfKind(CorpusScope scope, SourceKind kind);
}
