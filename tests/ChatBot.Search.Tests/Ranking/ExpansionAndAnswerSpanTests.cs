using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>Names and misspellings, word forms, synonyms, answer spans, agreement and disagreement.</summary>
public sealed class ExpansionAndAnswerSpanTests : IClassFixture<BundledCorpusAnswerTests.Corpus>
{
    private readonly TestIndex bundled;

    public ExpansionAndAnswerSpanTests(BundledCorpusAnswerTests.Corpus corpus) => bundled = corpus.Index;

    [Fact]
    public void Answer_MisspelledName_FindsThePassageAndSaysWhatItAlsoSearched()
    {
        var answer = bundled.Ask("Estensoro third term");
        Assert.True(answer.Confident);
        Assert.Contains("Estenssoro decided to run for the third term", answer.Results[0].Quote);
        Assert.Contains("Estenssoro", answer.AlsoSearched);
    }

    [Fact]
    public void Answer_RareVariantSpelling_FindsItsPassage()
    {
        var answer = bundled.Ask("Lichin mediation");
        Assert.Contains("Lichin\u2019s mediation", answer.Results[0].Quote);
    }

    [Theory]
    [InlineData("Estenssoro third term")]
    [InlineData("Lechin mediation")]
    public void Answer_CorrectSpelling_SearchesNoOtherSpelling(string question)
    {
        Assert.Empty(bundled.Ask(question).AlsoSearched);
        Assert.DoesNotContain(bundled.Engine.Rank(question, CorpusScope.Global, 1, CancellationToken.None).Query.Terms, t => t.Origin == TermOrigin.Spelling);
    }

    [Fact]
    public void Answer_IrregularVerb_MatchesOtherFormsOfTheWord()
    {
        var answer = bundled.Ask("Who did the junta overthrow?");
        var top = answer.Results[0];
        Assert.Contains("overthrew", top.Quote);
        Assert.Contains(top.Highlights, h => top.Quote[h.Start..h.End] == "overthrew");
    }

    [Fact]
    public void Answer_Led_MatchesLeadershipAndLeadTheTwoBarrientosPassages()
    {
        var answer = bundled.Ask("who led the coup", top: 2);
        Assert.All(answer.Results, r => Assert.Contains("Barrientos", r.Quote));
        Assert.Equal(2, answer.SourceCount);
    }

    [Fact]
    public void Answer_WhoQuestion_MarksTheNameAndTwoSourcesAgree()
    {
        var answer = bundled.Ask("who led the coup");
        var top = answer.Results[0];
        Assert.NotNull(top.Answer);
        Assert.Equal(top.Answer!.Text, top.Quote[top.Answer.Start..top.Answer.End]);
        Assert.Equal(AnswerKind.Person, top.Answer.Kind);
        Assert.Contains("Barrientos", top.Answer.Text);
        var agreement = Assert.IsType<AnswerClaim>(answer.Agreement);
        Assert.Equal("René Barrientos", agreement.Text);
        Assert.Equal(2, agreement.SourceCount);
    }

    [Theory]
    [InlineData("When did Lechin's supporters resign from the government?", "December 5, 1963")]
    [InlineData("How much did US aid to Bolivia grow between 1960 and 1964?", "600%")]
    [InlineData("Who did the junta overthrow?", "Victor Paz Estenssoro")]
    [InlineData("Who regarded the coup as a domestic matter?", "Cole Blasier")]
    public void Answer_TypedQuestion_MarksTheAnswerInTheTopQuote(string question, string expected)
        => Assert.Equal(expected, bundled.Ask(question).Results[0].Answer?.Text);

    [Theory]
    [InlineData("rené barrientos running mate")]
    [InlineData("What sources does the article draw on?")]
    public void Answer_UntypedQuestion_MarksNoAnswer(string question)
        => Assert.All(bundled.Ask(question).Results, r => Assert.Null(r.Answer));

    [Theory]
    [InlineData("Who led the coup?", AnswerKind.Person)]
    [InlineData("whom did he appoint", AnswerKind.Person)]
    [InlineData("When did the war end?", AnswerKind.Date)]
    [InlineData("In what year was it signed?", AnswerKind.Date)]
    [InlineData("Where was the treaty signed?", AnswerKind.Place)]
    [InlineData("How many volunteers arrived?", AnswerKind.Number)]
    [InlineData("How much aid was given?", AnswerKind.Amount)]
    [InlineData("Why did the coup succeed?", AnswerKind.None)]
    public void Classify_Question_ReadsItsFirstWords(string question, AnswerKind kind) => Assert.Equal(kind, AnswerSpans.Classify(question));

    [Fact]
    public void Answer_SourcesGiveDifferentDates_ShowsThemSideBySide()
    {
        using var index = new TestIndex();
        index.WriteSource("chronicle.md", "---\ntitle: A chronicle\n---\n\nThe fortress of Example fell to the besiegers in 1521 after a long siege.\n");
        index.WriteSource("annals.md", "---\ntitle: The annals\n---\n\nThe fortress of Example fell to the besiegers in 1522 after a long siege.\n");
        index.Sync();
        var answer = index.Ask("When did the fortress of Example fall to the besiegers?");
        Assert.True(answer.Disagrees);
        Assert.Null(answer.Agreement);
        Assert.Equal(["1521", "1522"], answer.Claims.Select(c => c.Text).Order());
        Assert.All(answer.Claims, c => Assert.Equal(1, c.SourceCount));
    }

    [Fact]
    public void Answer_SynonymFromTheTable_MatchesButWeighsLessThanTheUsersWord()
    {
        using var temp = new TempDirectory();
        var synonyms = temp.Write("synonyms.txt", "coup, putsch\n");
        using var index = new TestIndex(synonyms: new SynonymSource(Options.Create(new IndexOptions { SynonymsPath = synonyms })));
        index.WriteSource("a.md", "---\ntitle: A\n---\n\nThe officers staged a putsch in the capital that spring.\n");
        index.WriteSource("b.md", "---\ntitle: B\n---\n\nThe officers staged a coup in the capital that spring.\n");
        index.Sync();
        var answer = index.Engine.Answer(new AnswerRequest("officers staged a coup", CorpusScope.Global, 2), CancellationToken.None);
        Assert.Equal(["b", "a"], answer.Results.Select(r => r.Citation.SourceId));
        Assert.Contains(answer.Results[1].Highlights, h => answer.Results[1].Quote[h.Start..h.End] == "putsch");
        Assert.True(answer.Results[0].Score > answer.Results[1].Score);
    }

    [Fact]
    public void Answer_OneSourceWouldFillThePage_AnotherAsGoodSourceGetsAPlace()
    {
        using var index = new TestIndex();
        const string Text = "The garrison surrendered the citadel after the long siege of the winter.";
        index.WriteSource("a.md", $"---\ntitle: A\n---\n\n{Text}\n\n{Text}\n\n{Text}\n");
        index.WriteSource("b.md", $"---\ntitle: B\n---\n\n{Text}\n");
        index.Sync();
        var answer = index.Ask("garrison surrendered the citadel", top: 3);
        Assert.Equal(["a", "a", "b"], answer.Results.Select(r => r.Citation.SourceId));
    }
}
