using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Store;

public sealed class CorpusIndexerTests
{
    private const string Coup = "---\ntitle: The coup\n---\n\nGeneral Barrientos led the coup of November 1964.\n\nThe junta ruled Bolivia afterwards.\n";
    private const string Tin = "---\ntitle: Tin\nauthor: A. Miner\n---\n\nTin prices rose in the early 1960s.\n";

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_NewFiles_IndexesEveryPassage(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        index.WriteSource("coup.md", Coup);
        index.WriteSource("tin.md", Tin);
        var report = index.Sync();
        Assert.Equal((2, 0, 0, 0), (report.Added, report.Updated, report.Unchanged, report.Removed));
        Assert.Equal(3, report.PassageCount);
        Assert.Contains("Barrientos", index.Ask("who led the coup").Results[0].Quote);
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_ALongSource_KeepsEveryPassageInOrderWithItsLocator(StoreKind kind)
    {
        // 70 paragraphs: written in whole batches of rows and a remainder.
        using var index = new TestIndex(kind: kind);
        var body = string.Join("\n\n", Enumerable.Range(1, 70).Select(i => $"Paragraph {i} records the zyx{i}quartz survey."));
        index.WriteSource("survey.md", "---\ntitle: Survey\n---\n\n" + body + "\n");
        var report = index.Sync();
        Assert.Equal(70, report.PassageCount);
        foreach (var i in new[] { 1, 31, 32, 33, 64, 65, 70 })
        {
            var answer = index.Ask($"zyx{i}quartz survey");
            Assert.Equal($"Paragraph {i} records the zyx{i}quartz survey.", answer.Results[0].Quote);
            Assert.Equal($"\u00b6 {i}", answer.Results[0].Citation.Locator);
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_NothingChanged_SkipsEveryFile(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        index.WriteSource("coup.md", Coup);
        index.Sync();
        var again = index.Sync();
        Assert.Equal((0, 0, 1, 0, 0), (again.Added, again.Updated, again.Unchanged, again.Removed, again.PassagesWritten));
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_ChangedFile_ReplacesItsPassages(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        index.WriteSource("coup.md", Coup);
        index.Sync();
        index.WriteSource("coup.md", Coup.Replace("Barrientos", "Ovando", StringComparison.Ordinal));
        var report = index.Sync();
        Assert.Equal(1, report.Updated);
        Assert.Equal(2, report.PassageCount);
        Assert.Empty(index.Ask("Barrientos").Results);
        Assert.Contains("Ovando", index.Ask("Ovando").Results[0].Quote);
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_RemovedFile_DeletesItsSourceAndPassages(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        index.WriteSource("coup.md", Coup);
        var tin = index.WriteSource("tin.md", Tin);
        index.Sync();
        File.Delete(tin);
        var report = index.Sync();
        Assert.Equal(1, report.Removed);
        Assert.Equal(1, report.SourceCount);
        Assert.Empty(index.Ask("tin prices").Results);
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_MalformedFile_IsNamedAndTheOthersAreIndexed(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        index.WriteSource("coup.md", Coup);
        File.WriteAllBytes(Path.Combine(index.SourcesPath, "broken.md"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);
        var report = index.Sync();
        Assert.Equal(1, report.Added);
        var problem = Assert.Single(report.Problems);
        Assert.StartsWith("broken.md: ", problem);
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_GoodFileTurnsMalformed_KeepsItsEarlierVersion(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        index.WriteSource("coup.md", Coup);
        index.Sync();
        index.WriteSource("coup.md", "---\ntitle: never closed\n\nGeneral Barrientos.");
        var report = index.Sync();
        Assert.Single(report.Problems);
        Assert.Equal(1, report.SourceCount);
        Assert.Contains("Barrientos", index.Ask("who led the coup").Results[0].Quote);
    }

    [Theory, SqliteStore, PostgresStore]
    public void SyncFolder_MissingFolder_IsAStoreError(StoreKind kind)
    {
        using var index = new TestIndex(kind: kind);
        Assert.Throws<StoreException>(() => index.Indexer.SyncFolder(Path.Combine(index.SourcesPath, "nope"), CancellationToken.None));
    }

    [Fact]
    public void Answer_WhileAnUpdateIsWriting_StillAnswersFromTheCommittedCorpus()
    {
        using var index = new TestIndex();
        index.WriteSource("coup.md", Coup);
        index.Sync();
        using var writer = index.SqliteStore.OpenConnection();
        using var transaction = writer.BeginTransaction();
        using (var delete = writer.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM passages";
            delete.ExecuteNonQuery();
        }

        // The write transaction holds the write lock and has not committed: readers see the old corpus.
        Assert.Contains("Barrientos", index.Ask("who led the coup").Results[0].Quote);
        transaction.Rollback();
    }
}
