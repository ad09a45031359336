using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;
using ChatBot.Search.Ranking;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>Answers on the real bundled corpus, as a member of the community would ask.</summary>
public sealed class BundledCorpusAnswerTests : IClassFixture<BundledCorpusAnswerTests.Corpus>
{
    private readonly TestIndex index;

    public BundledCorpusAnswerTests(Corpus corpus) => index = corpus.Index;

    [Fact]
    public void Answer_WhoLedTheCoup_TopQuoteNamesBarrientos()
    {
        var answer = index.Ask("who led the coup");
        Assert.True(answer.Confident);
        Assert.Contains("Barrientos", answer.Results[0].Quote);
    }

    public static TheoryData<string, int, string> SeedQuestions()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var line in File.ReadAllLines(RepositoryPaths.SeedQuestions).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var fields = line.Split('\t');
            data.Add(fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedQuestions))]
    public void Answer_SeedQuestion_HasTheExpectedWordsInTheTopK(string question, int k, string expected)
    {
        var answer = index.Ask(question, top: k);
        var alternatives = expected.Split('|').Select(TextAnalysis.Fold).ToList();
        Assert.Contains(answer.Results, r => alternatives.Any(a => TextAnalysis.Fold(r.Quote).Contains(a, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("how did washington view paz", "neither the will nor the capacity")]
    [InlineData("What sources does the article draw on?", "Pentagon")]
    [InlineData("What did US officials think of the MNR?", "vulnerable to outside subversion")]
    public void Answer_AnOrdinaryWordTheSmallCorpusLacks_DoesNotMakeAFoundAnswerNotCovered(string question, string expected)
    {
        var answer = index.Ask(question, top: 3);
        Assert.True(answer.Confident);
        Assert.Contains(answer.Results, r => r.Quote.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Who won the 1986 World Cup?")]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("What is the capital of Australia?")]
    public void Answer_QuestionTheCorpusDoesNotCover_IsNotConfident(string question)
        => Assert.False(index.Ask(question).Confident);

    [Theory]
    [InlineData("who led the coup")]
    [InlineData("What did the United States do for the Bolivian military?")]
    [InlineData("Estenssoro")]
    public void Answer_EveryQuote_IsVerbatimShortAndHighlightsItsMatches(string question)
    {
        var answer = index.Ask(question, top: 10);
        Assert.NotEmpty(answer.Results);
        var passages = AllPassageTexts();
        // The question's words and what they were widened to (word forms, synonyms, spellings).
        var terms = index.Engine.Rank(question, CorpusScope.Global, 1, CancellationToken.None).Query.Terms.Select(t => t.Term).ToHashSet();
        foreach (var result in answer.Results)
        {
            Assert.InRange(result.Quote.Length, 1, QuoteSelector.MaxQuoteLength);
            // Verbatim: one passage holds the quote, or each of its parts in order when it leaves sentences out.
            var parts = result.Quote.Trim('\u2026').Split(QuoteSelector.PartSeparator);
            Assert.Contains(passages, p => InOrder(p, parts));
            Assert.NotEmpty(result.Highlights);
            foreach (var range in result.Highlights)
            {
                var word = result.Quote[range.Start..range.End];
                Assert.Contains(TextAnalysis.TermOf(word) ?? "", terms);
            }
        }
    }

    [Fact]
    public void Answer_SecondPage_ContinuesTheRanking()
    {
        var firstPage = index.Engine.Answer(new AnswerRequest("Bolivia military coup", CorpusScope.Global, Top: 2), CancellationToken.None);
        var secondPage = index.Engine.Answer(new AnswerRequest("Bolivia military coup", CorpusScope.Global, Top: 2, Skip: 2), CancellationToken.None);
        Assert.Equal([3, 4], secondPage.Results.Select(r => r.Rank));
        Assert.Empty(firstPage.Results.Select(r => r.Quote).Intersect(secondPage.Results.Select(r => r.Quote)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("the of and")]
    [InlineData("\"*\" AND : ( ) OR")]
    public void Answer_NothingSearchable_IsAnEmptyUnconfidentAnswer(string question)
    {
        var answer = index.Ask(question);
        Assert.False(answer.Confident);
        Assert.Empty(answer.Results);
    }

    private static bool InOrder(string passage, string[] parts)
    {
        var from = 0;
        foreach (var part in parts)
        {
            var at = passage.IndexOf(part, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            from = at + part.Length;
        }

        return true;
    }

    private List<string> AllPassageTexts()
    {
        using var connection = index.SqliteStore.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM passages";
        using var reader = command.ExecuteReader();
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    public sealed class Corpus : IDisposable
    {
        public TestIndex Index { get; } = TestIndex.OfBundledCorpus();

        public void Dispose() => Index.Dispose();
    }
}
