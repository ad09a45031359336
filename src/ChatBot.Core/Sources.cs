namespace ChatBot.Core;

/// <summary>A source in the corpus as listed to users: what it is and how many passages it gave.</summary>
public sealed record SourceSummary(
    string SourceId,
    string Title,
    string? Author,
    string? Url,
    int PassageCount,
    ulong? GuildId,
    DateTimeOffset IndexedAt);

/// <summary>Sizes of the corpus a scope sees.</summary>
public sealed record CorpusStats(int SourceCount, int PassageCount);

/// <summary>Read access to the list of sources.</summary>
public interface ISourceCatalog
{
    ValueTask<IReadOnlyList<SourceSummary>> ListSourcesAsync(CorpusScope scope, CancellationToken cancellationToken);

    ValueTask<CorpusStats> GetStatsAsync(CorpusScope scope, CancellationToken cancellationToken);
}
