using ChatBot.Core;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Chronology;

/// <summary>Timelines of the bundled corpus and of small fixtures: what matches, the order, and disagreements.</summary>
public sealed class TimelineBuilderTests
{
    [Theory, SqliteStore, PostgresStore]
    public void Build_BoliviaOnTheBundledCorpus_RunsFrom1942ToNovember4_1964(StoreKind store)
    {
        using var index = TestIndex.OfBundledCorpus(store);

        var timeline = index.Corpus.Timelines.Build("bolivia", CorpusScope.Global, CancellationToken.None);

        Assert.Equal("1942", timeline.Events[0].Date.Normalized);
        Assert.Contains("alliance", timeline.Events[0].Sentence, StringComparison.Ordinal);
        Assert.Equal("1964-11-04", timeline.Events[^1].Date.Normalized);
        Assert.Equal("November 4, 1964", timeline.Events[^1].Date.Written);
        Assert.Equal(DatePrecision.Day, timeline.Events[^1].Date.Precision);
        Assert.Equal(timeline.Events.OrderBy(e => e.Date.First).ThenBy(e => e.Date.Last).Select(e => e.Date.Normalized), timeline.Events.Select(e => e.Date.Normalized));
        Assert.Contains(timeline.Events, e => e.Date is { Written: "early 1962", Normalized: "1962-01/1962-04", Precision: DatePrecision.Season });
        Assert.Contains(timeline.Events, e => e.Date is { Written: "Between 1960 and 1964", Normalized: "1960/1964", Precision: DatePrecision.Range });
        Assert.Contains(timeline.Events, e => e.Date is { Written: "late 1950s", Precision: DatePrecision.Decade });
        Assert.DoesNotContain(timeline.Events, e => e.Date.Normalized == "1920");
        Assert.All(timeline.Events, e => Assert.Equal(e.Date.Written, e.Sentence[e.DateRange.Start..e.DateRange.End]));
        Assert.Equal(2, timeline.Events.Select(e => e.Citation.SourceId).Distinct().Count());
        Assert.All(timeline.Events, e => Assert.Null(e.Disagreement));
    }

    [Theory, SqliteStore, PostgresStore]
    public void Build_TopicInTheTitleOnly_TakesEveryPassageOfThatSource(StoreKind store)
    {
        using var index = new TestIndex(kind: store);
        index.WriteSource("guano.md", "---\ntitle: The Guano Era of Peru\n---\n\nExports boomed in 1845.\n\nThe trade collapsed in the 1870s.\n");
        index.WriteSource("tin.md", "---\ntitle: Tin\n---\n\nThe mines opened in 1890.\n");
        index.Sync();

        var timeline = index.Corpus.Timelines.Build("guano chile", CorpusScope.Global, CancellationToken.None);

        Assert.Empty(timeline.Events);
        timeline = index.Corpus.Timelines.Build("guano peru", CorpusScope.Global, CancellationToken.None);
        Assert.Equal(["1845", "1870/1879"], timeline.Events.Select(e => e.Date.Normalized));
        Assert.Equal(2, timeline.Passages);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Build_ServerSource_IsInThatServersTimelineOnly(StoreKind store)
    {
        using var index = new TestIndex(kind: store);
        var upload = new SourceUpload(7, "guano.md", "---\ntitle: The Guano Era of Peru\n---\n\nExports boomed in 1845.\n"u8.ToArray(), new Actor(1, "mod"));
        Assert.IsType<UploadOutcome.Added>(await index.Curator().AddSourceAsync(upload, CancellationToken.None));

        var here = index.Corpus.Timelines.Build("guano peru", CorpusScope.ForGuild(7), CancellationToken.None);

        Assert.Equal("1845", Assert.Single(here.Events).Date.Normalized);
        Assert.Empty(index.Corpus.Timelines.Build("guano peru", CorpusScope.ForGuild(8), CancellationToken.None).Events);
        Assert.Empty(index.Corpus.Timelines.Build("guano peru", CorpusScope.Global, CancellationToken.None).Events);
    }

    [Fact]
    public void Build_EveryWordOfTheTopic_MustMatch()
    {
        using var index = new TestIndex();
        index.WriteSource("a.md", "---\ntitle: Notes\n---\n\nThe Chaco War began in 1932.\n\nA war in Europe began in 1939.\n");
        index.Sync();

        var timeline = index.Corpus.Timelines.Build("Chaco war", CorpusScope.Global, CancellationToken.None);

        Assert.Equal("1932", Assert.Single(timeline.Events).Date.Normalized);
    }

    [Fact]
    public void Build_TwoSourcesDateTheSameEventDifferently_IsOneDisagreementShownTogether()
    {
        using var index = new TestIndex();
        index.WriteSource("one.md", "---\ntitle: The Pacific War, one view\n---\n\nThe Treaty of Ancón was signed on October 20, 1883. Chile kept Tarapacá.\n\nThe war began in 1879.\n");
        index.WriteSource("two.md", "---\ntitle: The Pacific War, another view\n---\n\nThe Treaty of Ancón was signed in 1884, ending the Pacific War.\n\nIn 1879 the war began.\n");
        index.Sync();

        var timeline = index.Corpus.Timelines.Build("pacific war", CorpusScope.Global, CancellationToken.None);

        Assert.Equal(["1879", "1879", "1883-10-20", "1884"], timeline.Events.Select(e => e.Date.Normalized));
        Assert.Equal([null, null, 1, 1], timeline.Events.Select(e => e.Disagreement));
        var entries = timeline.Entries();
        Assert.Equal(3, entries.Count);
        Assert.Equal(["one", "two"], entries[2].Select(e => e.Citation.SourceId));
    }

    [Fact]
    public void Build_SameDateFromTwoSources_IsNoDisagreement()
    {
        using var index = new TestIndex();
        index.WriteSource("one.md", "---\ntitle: Coup\n---\n\nThe junta led by Barrientos overthrew Paz on November 4, 1964.\n");
        index.WriteSource("two.md", "---\ntitle: Coup again\n---\n\nIn 1964 the junta led by Barrientos overthrew Paz.\n");
        index.Sync();

        var timeline = index.Corpus.Timelines.Build("coup", CorpusScope.Global, CancellationToken.None);

        Assert.Equal(2, timeline.Events.Count);
        Assert.All(timeline.Events, e => Assert.Null(e.Disagreement));
    }

    [Fact]
    public void Build_NoMatchingPassage_IsEmpty()
    {
        using var index = TestIndex.OfBundledCorpus();

        Assert.Empty(index.Corpus.Timelines.Build("zanzibar", CorpusScope.Global, CancellationToken.None).Events);
        Assert.Empty(index.Corpus.Timelines.Build("the of and", CorpusScope.Global, CancellationToken.None).Events);
    }
}
