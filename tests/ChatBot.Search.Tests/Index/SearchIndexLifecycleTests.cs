using System.Text;
using ChatBot.Core;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Index;

/// <summary>
/// The search index is derived from the store: deleting it, corrupting it, pointing it at another store or
/// crashing between the store's commit and the index's never loses an answer, and a change shows at once.
/// </summary>
public sealed class SearchIndexLifecycleTests : IDisposable
{
    private const ulong Guild = 290926798626357999;
    private static readonly Actor Moderator = new(53908232506183680, "Mason");
    private readonly TestIndex index = TestIndex.OfBundledCorpus();

    public void Dispose() => index.Dispose();

    private string[] TopSources(string question, CorpusScope scope = default)
        => [.. index.Ask(question, top: 3, scope).Results.Select(r => r.Citation.SourceId + " " + r.Citation.Locator)];

    [Fact]
    public void Start_IndexFolderDeleted_IsRebuiltFromTheStoreWithTheSameAnswers()
    {
        var before = TopSources("who led the coup");
        index.Corpus.Dispose();
        Directory.Delete(index.LucenePath, recursive: true);

        index.Reopen();
        index.Indexer.EnsureIndexed(index.SourcesPath, CancellationToken.None);

        Assert.Equal(before, TopSources("who led the coup"));
        Assert.True(Directory.Exists(Path.Combine(index.LucenePath, "global")));
    }

    [Fact]
    public void Start_IndexFilesCorrupted_IsRebuiltFromTheStore()
    {
        var before = TopSources("who led the coup");
        index.Corpus.Dispose();
        foreach (var file in Directory.GetFiles(Path.Combine(index.LucenePath, "global")))
        {
            File.WriteAllBytes(file, Encoding.ASCII.GetBytes("not a lucene file"));
        }

        index.Reopen();
        index.Corpus.Sync.CatchUp(CancellationToken.None);

        Assert.Equal(before, TopSources("who led the coup"));
    }

    [Fact]
    public void Start_IndexOfAnotherStore_IsRebuiltForThisOne()
    {
        using var other = new TestIndex();
        other.WriteSource("chaco.md", TestSources.Chaco);
        other.Sync();
        other.Corpus.Dispose();
        index.Corpus.Dispose();
        Directory.Delete(index.LucenePath, recursive: true);
        CopyDirectory(other.LucenePath, index.LucenePath);

        index.Reopen();
        index.Corpus.Sync.CatchUp(CancellationToken.None);

        Assert.Contains("Barrientos", index.Ask("who led the coup").Results[0].Quote, StringComparison.Ordinal);
        Assert.DoesNotContain(index.Ask("Who fought the Chaco War?", top: 5).Results, r => r.Citation.SourceId == "chaco");
    }

    [Fact]
    public void Start_CrashAfterTheStoreCommittedAndBeforeTheIndexDid_CatchesUp()
    {
        // The store commits a new source; the process dies before the index commits it.
        WriteToStoreOnly(TestSources.Chaco, "chaco");
        Assert.DoesNotContain(index.Ask("Who fought the Chaco War?").Results, r => r.Citation.SourceId == "chaco");

        index.Reopen();
        index.Corpus.Sync.CatchUp(CancellationToken.None);

        Assert.Equal("chaco", index.Ask("Who fought the Chaco War?").Results[0].Citation.SourceId);
    }

    [Fact]
    public void Start_CrashBeforeTheIndexCommitted_LeavesNothingHalfIndexed()
    {
        var before = TopSources("who led the coup");
        var update = index.Corpus.Index.BeginUpdate(0);
        update.RemoveSource("1964-bolivian-coup-d-etat");

        // The process dies: nothing was committed to the store, and the index's change is lost with it.
        index.Corpus.Index.Dispose();
        index.Reopen();
        index.Corpus.Sync.CatchUp(CancellationToken.None);

        Assert.Equal(before, TopSources("who led the coup"));
    }

    [Fact]
    public void Start_ChangeMadeByAnotherProcess_IsFollowed()
    {
        // Another process (an `index` run) wrote the store while this one kept its index open.
        WriteToStoreOnly(TestSources.Chaco, "chaco");

        Assert.True(index.Corpus.Sync.CatchUp(CancellationToken.None));

        Assert.Equal("chaco", index.Ask("Who fought the Chaco War?").Results[0].Citation.SourceId);
    }

    [Fact]
    public async Task Upload_IsAnswerableAtOnceWithoutARestart()
    {
        var curator = index.Curator();
        var outcome = await curator.AddSourceAsync(new SourceUpload(Guild, "chaco.md", Encoding.UTF8.GetBytes(TestSources.Chaco), Moderator), CancellationToken.None);
        Assert.IsType<UploadOutcome.Added>(outcome);

        Assert.Equal("chaco", index.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results[0].Citation.SourceId);

        await curator.RemoveSourceAsync(Guild, "chaco", Moderator, CancellationToken.None);
        Assert.DoesNotContain(index.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results, r => r.Citation.SourceId == "chaco");
    }

    private void WriteToStoreOnly(string content, string slug)
    {
        var document = SourceReader.Read(slug + ".md", Encoding.UTF8.GetBytes(content)) with { Slug = slug };
        using var transaction = index.Store.BeginWrite();
        transaction.Insert(CorpusIndexer.Prepare(document, slug + ".md", "test", transaction).Record, 0);
        transaction.Commit();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
