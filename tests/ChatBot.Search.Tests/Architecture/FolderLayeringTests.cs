using ChatBot.Search.Store;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Architecture;

/// <summary>
/// Search's folders depend one way, as the README's Development section lays them out: Store (the only SQL) and
/// Index (the only Lucene) at the bottom, the features that ingest, index, rank and curate above them.
/// </summary>
public sealed class FolderLayeringTests
{
    public static readonly string[][] Layers =
    [
        ["Text"],
        ["Store", "Index"],
        ["Analysis"],
        ["Ingestion"],
        ["Indexing", "Ranking"],
        ["Community"],
    ];

    /// <summary>
    /// The backward references the code still has, each to be removed with the change that fixes it: the index sync
    /// flushes the ask log (<c>AskJournal</c>, in Community) at its checkpoint, until the ask log moves into Store.
    /// A fixed one fails this test too, so the list only shrinks.
    /// </summary>
    private static readonly string[] StillBackward =
    [
        "ChatBot.Search.Indexing.CorpusSyncService → ChatBot.Search.Community",
    ];

    [Fact]
    public void Folders_ReferenceOnlyLayersBelow_NoNewBackwardReference()
    {
        var layers = new FolderLayers(typeof(PassageStore).Assembly, "ChatBot.Search", Layers);
        Assert.Equal(StillBackward, layers.BackwardReferences());
    }
}
