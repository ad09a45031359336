using ChatBot.Core;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>Source kinds and publication dates: read from front matter and uploads, cited, and restricting an answer.</summary>
public sealed class SourceKindTests
{
    [Theory, SqliteStore, PostgresStore]
    public void BundledCorpus_SeedsAreLabelled_AndCitationsSayWhatTheyAre(StoreKind store)
    {
        using var index = TestIndex.OfBundledCorpus(store);

        var answer = index.Ask("who led the coup", top: 5);

        Assert.Contains(answer.Results, r => r.Citation is { SourceId: "1964-bolivian-coup-d-etat", Kind: SourceKind.Tertiary, Published: null });
        Assert.Contains(answer.Results, r => r.Citation is { SourceId: "us-assistance-to-the-bolivian-military-1958-1964", Kind: SourceKind.Secondary, Published: "1998" });
        Assert.Equal("secondary · 1998", SourceKinds.Label(answer.Results.First(r => r.Citation.Kind == SourceKind.Secondary).Citation));
    }

    [Theory, SqliteStore, PostgresStore]
    public void Answer_KindGiven_QuotesOnlyThatKindWithUnchangedScores(StoreKind store)
    {
        using var index = TestIndex.OfBundledCorpus(store);
        var all = index.Ask("who led the coup", top: 10);

        foreach (var (kind, source) in new[] { (SourceKind.Secondary, "us-assistance-to-the-bolivian-military-1958-1964"), (SourceKind.Tertiary, "1964-bolivian-coup-d-etat") })
        {
            var only = index.Engine.Answer(new AnswerRequest("who led the coup", CorpusScope.Global, 10, Kind: kind), CancellationToken.None);

            Assert.NotEmpty(only.Results);
            Assert.All(only.Results, r => Assert.Equal(source, r.Citation.SourceId));
            Assert.Equal(all.Results.Count(r => r.Citation.SourceId == source), only.MatchingPassages);

            // The statistics are the whole corpus's: a passage's first-stage share of the score is what it is unfiltered.
            var first = only.Results[0];
            Assert.Contains(all.Results, r => r.Citation == first.Citation);
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public void Answer_KindNoSourceHas_FindsNothing(StoreKind store)
    {
        using var index = TestIndex.OfBundledCorpus(store);

        var answer = index.Engine.Answer(new AnswerRequest("who led the coup", CorpusScope.Global, Kind: SourceKind.Primary), CancellationToken.None);

        Assert.Empty(answer.Results);
        Assert.False(answer.Confident);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Answer_KindInAServer_TakesTheServersSourcesOfThatKindAndNotAnotherServers(StoreKind store)
    {
        using var index = TestIndex.OfBundledCorpus(store);
        var curator = index.Curator();
        var letter = "---\ntitle: A cable from La Paz\n---\n\nThe ambassador cabled that General Barrientos led the coup against Paz.\n"u8.ToArray();
        var added = await curator.AddSourceAsync(new SourceUpload(7, "cable.md", letter, new Actor(1, "mod")) { Kind = SourceKind.Primary, Published = "November 5, 1964" }, CancellationToken.None);
        Assert.IsType<UploadOutcome.Added>(added);
        await curator.AddSourceAsync(new SourceUpload(8, "cable.md", letter, new Actor(1, "mod")) { Kind = SourceKind.Primary }, CancellationToken.None);

        var here = index.Engine.Answer(new AnswerRequest("who led the coup", CorpusScope.ForGuild(7), Kind: SourceKind.Primary), CancellationToken.None);
        var elsewhere = index.Engine.Answer(new AnswerRequest("who led the coup", CorpusScope.Global, Kind: SourceKind.Primary), CancellationToken.None);

        var result = Assert.Single(here.Results);
        Assert.Equal(new Citation("cable", "A cable from La Paz", null, null, "¶ 1", SourceKind.Primary, "1964-11-05"), result.Citation);
        Assert.Empty(elsewhere.Results);
        var details = await curator.GetSourceAsync(7, "cable", CancellationToken.None);
        Assert.Equal((SourceKind.Primary, "1964-11-05"), (details!.Kind, details.Published));
        Assert.Equal(SourceKind.Tertiary, (await curator.GetSourceAsync(7, "1964-bolivian-coup-d-etat", CancellationToken.None))!.Kind);
    }

    [Theory]
    [InlineData("kind: Primary\npublished: 1998", SourceKind.Primary, "1998")]
    [InlineData("kind: secondary\npublished: March 1998", SourceKind.Secondary, "1998-03")]
    [InlineData("kind: tertiary\npublished: 15 March 1998", SourceKind.Tertiary, "1998-03-15")]
    [InlineData("published: 1998-03-15", null, "1998-03-15")]
    public void Read_FrontMatterKindAndPublished_AreNormalised(string fields, SourceKind? kind, string published)
    {
        var document = SourceReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes($"---\ntitle: A\n{fields}\n---\n\nText of 1964.\n"));

        Assert.Equal(kind, document.Metadata.Kind);
        Assert.Equal(published, document.Metadata.Published);
    }

    [Theory]
    [InlineData("kind: encyclopedia article", "kind must be primary, secondary or tertiary")]
    [InlineData("published: last spring", "published must be a year or a date")]
    public void Read_FrontMatterKindOrPublishedMalformed_IsRefusedNamingTheField(string field, string message)
    {
        var problem = Assert.Throws<SourceFormatException>(() => SourceReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes($"---\ntitle: A\n{field}\n---\n\nText.\n")));

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddSource_PublishedNotADate_IsRefusedAndNothingStored()
    {
        using var index = TestIndex.OfBundledCorpus();
        var curator = index.Curator();

        var outcome = await curator.AddSourceAsync(new SourceUpload(7, "a.md", "Text.\n"u8.ToArray(), new Actor(1, "mod")) { Published = "soon" }, CancellationToken.None);

        Assert.Contains("published must be a year or a date", Assert.IsType<UploadOutcome.Refused>(outcome).Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await curator.ListSourcesAsync(7, 0, 10, CancellationToken.None)).Total);
    }
}
