using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Indexing;
using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Tests.Store;

/// <summary>
/// Who writes the bundled folder when the bot starts: with SQLite the bot does (Index:SyncOnStart defaults to true);
/// with PostgreSQL only <c>index</c> does, and a replica starting on a store index has filled follows it instead.
/// </summary>
public sealed class SyncOnStartTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite, null, true)]
    [InlineData(StoreKind.Sqlite, false, false)]
    [PostgresStore]
    public async Task Start_WritesTheFolderOnlyWhenSyncOnStartSaysSo(StoreKind kind, bool? syncOnStart = null, bool? writes = null)
    {
        var expected = writes ?? false; // PostgreSQL's default: the bot does not write the folder
        using var index = new TestIndex(kind: kind);
        index.WriteSource("chaco.md", TestSources.Chaco);

        await StartAsync(index, syncOnStart);

        Assert.Equal(expected ? 1 : 0, index.Store.Count(0).Sources);
    }

    [PostgresFact]
    public async Task Start_OnPostgresAfterIndexRanElsewhere_FollowsTheStore()
    {
        using var index = new TestIndex(kind: StoreKind.Postgres);
        index.WriteSource("chaco.md", TestSources.Chaco);
        index.Sync(); // `index` in another process
        File.Delete(Path.Combine(index.SourcesPath, "chaco.md"));

        await StartAsync(index, syncOnStart: null);

        Assert.Equal(1, index.Store.Count(0).Sources); // the replica's empty folder removed nothing
        Assert.Equal("chaco", index.Ask("Who fought the Chaco War?").Results[0].Citation.SourceId);
    }

    private static async Task StartAsync(TestIndex index, bool? syncOnStart)
    {
        await using var journal = new AskJournal(index.Store.AskLog, Options.Create(new CommunityOptions()), TimeProvider.System, NullLogger<AskJournal>.Instance);
        var options = Options.Create(new IndexOptions { SourcesPath = index.SourcesPath, SyncOnStart = syncOnStart });
        var service = new CorpusSyncService(index.Indexer, index.Corpus.Sync, index.Store, [journal], options, NullLogger<CorpusSyncService>.Instance);
        await service.StartAsync(CancellationToken.None);
    }
}
