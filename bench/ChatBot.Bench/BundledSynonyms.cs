using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using Microsoft.Extensions.Options;

namespace ChatBot.Bench;

/// <summary>The engine as shipped searches with index/synonyms.txt; benchmarks run from the repository root do too.</summary>
public static class BundledSynonyms
{
    public static SynonymSource Source { get; } = new(Options.Create(new IndexOptions()));
}
