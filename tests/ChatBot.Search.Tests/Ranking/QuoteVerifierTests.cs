using System.Text;
using ChatBot.Core;
using ChatBot.Search.Ranking;
using ChatBot.Search.Tests.TestSupport;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>Quotes checked against a small corpus: verbatim, close (word by word), or not found.</summary>
public sealed class QuoteVerifierTests : IDisposable
{
    private const string Junta = "On November 4, 1964, a military junta led by General René Barrientos overthrew President Víctor Paz Estenssoro, ending twelve years of rule by the Revolutionary Nationalist Movement.";
    private const string Surprise = "The coup surprised many foreign observers, who had expected the army to stay loyal to the president.";

    private readonly TestIndex index = new();

    public QuoteVerifierTests()
    {
        index.WriteSource("coup.md", $"---\ntitle: The 1964 coup\nauthor: Jane Historian\n---\n\n{Junta}\n\n{Surprise}\n");
        index.WriteSource("tin.md", "---\ntitle: Tin mines\n---\n\nThe tin miners of Catavi struck in 1963 against the Triangular Plan.\n");
        index.Sync();
    }

    public void Dispose() => index.Dispose();

    private QuoteVerification Verify(string quote, CorpusScope scope = default)
        => index.Corpus.Verifier.Verify(quote, scope, CancellationToken.None);

    [Fact]
    public void Verify_WholePassage_IsVerbatimWithItsCitation()
    {
        var result = Verify(Surprise);

        Assert.Equal(QuoteVerdict.Verbatim, result.Verdict);
        var match = Assert.Single(result.Matches);
        Assert.Equal(new Citation("coup", "The 1964 coup", "Jane Historian", null, "¶ 2"), match.Citation);
        Assert.Equal(Surprise[..^1], match.Original);
        Assert.Empty(match.Differences);
    }

    [Fact]
    public void Verify_CutFromTheMiddleOfASentence_IsVerbatim()
    {
        var result = Verify("a military junta led by General René Barrientos overthrew");

        Assert.Equal(QuoteVerdict.Verbatim, result.Verdict);
        var match = Assert.Single(result.Matches);
        Assert.Equal("¶ 1", match.Citation.Locator);
        Assert.Equal("a military junta led by General René Barrientos overthrew", match.Original);
    }

    [Theory]
    [InlineData("“On November 4, 1964, a military junta … overthrew president Victor Paz Estenssoro”")]
    [InlineData("\"ON NOVEMBER 4 1964 A MILITARY JUNTA... OVERTHREW PRESIDENT VICTOR PAZ ESTENSSORO\"")]
    [InlineData("‘…led by general rene barrientos overthrew President Víctor Paz Estenssoro, ending twelve years…’")]
    public void Verify_CurlyQuotesEllipsisCaseAndAccents_IsVerbatim(string quote)
    {
        var result = Verify(quote);

        Assert.Equal(QuoteVerdict.Verbatim, result.Verdict);
        var match = Assert.Single(result.Matches);
        Assert.Equal("¶ 1", match.Citation.Locator);
        Assert.Empty(match.Differences);
        Assert.Contains("Víctor Paz Estenssoro", match.Original);
    }

    [Fact]
    public void Verify_AChangedWord_IsCloseAndShowsTheOriginalWord()
    {
        var result = Verify("a military junta led by General Rene Barrientos toppled President Victor Paz Estenssoro");

        Assert.Equal(QuoteVerdict.Close, result.Verdict);
        var match = Assert.Single(result.Matches);
        Assert.Equal("¶ 1", match.Citation.Locator);
        Assert.Equal([new QuoteDifference(DifferenceKind.Changed, "toppled", "overthrew")], match.Differences);
        Assert.Equal("a military junta led by General René Barrientos overthrew President Víctor Paz Estenssoro", match.Original);
    }

    [Fact]
    public void Verify_AnAddedWord_IsClose()
    {
        var result = Verify("The coup greatly surprised many foreign observers");

        Assert.Equal(QuoteVerdict.Close, result.Verdict);
        Assert.Equal([new QuoteDifference(DifferenceKind.Added, "greatly", null)], Assert.Single(result.Matches).Differences);
    }

    [Fact]
    public void Verify_AWordLeftOutWithoutAnEllipsis_IsClose()
    {
        var result = Verify("The coup surprised many observers, who had expected the army to stay loyal");

        Assert.Equal(QuoteVerdict.Close, result.Verdict);
        var match = Assert.Single(result.Matches);
        Assert.Equal([new QuoteDifference(DifferenceKind.Missing, "foreign", null)], match.Differences);
        Assert.Equal("The coup surprised many foreign observers, who had expected the army to stay loyal", match.Original);
    }

    [Fact]
    public void Verify_TooManyChanges_IsNotFoundWithTheClosestPassage()
    {
        var result = Verify("The coup was welcomed by every foreign observer in La Paz");

        Assert.Equal(QuoteVerdict.NotFound, result.Verdict);
        var closest = Assert.Single(result.Matches);
        Assert.Equal("¶ 2", closest.Citation.Locator);
        Assert.Equal(Surprise, closest.Original);
        Assert.NotEmpty(closest.Differences);
    }

    [Fact]
    public void Verify_WordsTheCorpusLacks_IsNotFoundWithNoPassage()
    {
        var result = Verify("Quetzalcoatl sailed for Zyxwvut");

        Assert.Equal(QuoteVerdict.NotFound, result.Verdict);
        Assert.Empty(result.Matches);
        Assert.Equal(4, result.Words);
    }

    [Theory]
    [InlineData("")]
    [InlineData("“…” — !!")]
    public void Verify_NoWords_HasNoWordsToCompare(string quote)
    {
        var result = Verify(quote);

        Assert.Equal(0, result.Words);
        Assert.Equal(QuoteVerdict.NotFound, result.Verdict);
        Assert.Empty(result.Matches);
    }

    [Fact]
    public void Verify_HugeQuote_ComparesABoundedBeginning()
    {
        var result = Verify(string.Concat(Enumerable.Repeat("the coup surprised ", 2000)));

        Assert.Equal(QuoteVerification.MaxQuoteWords, result.Words);
        Assert.Equal(QuoteVerdict.NotFound, result.Verdict);
    }

    [Fact]
    public async Task Verify_AServersSource_IsFoundInThatServerOnly()
    {
        const ulong Server = 290926798626357999;
        const string Text = "The Quetzalcoatl expedition reached the coast in the spring.";
        var upload = new SourceUpload(Server, "notes.md", Encoding.UTF8.GetBytes($"---\ntitle: Expedition notes\n---\n\n{Text}\n"), new Actor(1, "Mason"));
        Assert.IsType<UploadOutcome.Added>(await index.Curator().AddSourceAsync(upload, CancellationToken.None));

        var here = await index.Corpus.Verifier.VerifyAsync(Text, CorpusScope.ForGuild(Server), CancellationToken.None);
        Assert.Equal(QuoteVerdict.Verbatim, here.Verdict);
        Assert.Equal("notes", Assert.Single(here.Matches).Citation.SourceId);

        foreach (var elsewhere in new[] { CorpusScope.ForGuild(81384788765712384), CorpusScope.Global })
        {
            var result = Verify(Text, elsewhere);
            Assert.Equal(QuoteVerdict.NotFound, result.Verdict);
            Assert.DoesNotContain(result.Matches, m => m.Citation.SourceId == "notes");
        }
    }
}
