using ChatBot.Search.Store;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Architecture;

/// <summary>
/// Search's folders depend one way, as the README's Development section lays them out: plain text and dates at the
/// bottom, then Store (the only SQL) and Index (the only Lucene), then the features that analyse, ingest, fetch,
/// index, embed, rank, date and curate above them.
/// </summary>
public sealed class FolderLayeringTests
{
    public static readonly string[][] Layers =
    [
        ["Text", "Dates"],
        ["Store", "Index"],
        ["Analysis"],
        ["Ingestion"],
        ["Web"],
        ["Indexing", "Semantic"],
        ["Ranking"],
        ["Chronology", "Community"],
    ];

    [Fact]
    public void Folders_ReferenceOnlyLayersBelow_NoBackwardReference()
    {
        var layers = new FolderLayers(typeof(PassageStore).Assembly, "ChatBot.Search", Layers);
        Assert.Empty(layers.BackwardReferences());
    }

    [Fact]
    public void Folders_EveryFolderOfTheProject_HasALayer()
    {
        var folders = typeof(PassageStore).Assembly.GetTypes()
            .Select(t => t.Namespace ?? "")
            .Where(ns => ns.StartsWith("ChatBot.Search.", StringComparison.Ordinal))
            .Select(ns => ns["ChatBot.Search.".Length..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        Assert.Equal(Layers.SelectMany(l => l).Order(StringComparer.Ordinal), folders);
    }
}
