using ChatBot.Search.Ranking;
using ChatBot.Search.Tests.TestSupport;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>
/// How closely a passage holds the question's words (<see cref="SelectedQuote.Pairs"/>): the share of the
/// question's pairs of neighbouring words that one sentence has in the question's order, at most one word apart.
/// </summary>
public sealed class QuotePairsTests
{
    [Theory]
    [InlineData("The army seized power in 1964.", 1.0)]
    [InlineData("In 1964 the army seized the power of the state.", 1.0)]
    [InlineData("The army, it was said, seized power.", 0.5)]
    [InlineData("The army seized the palace. Power passed to the junta.", 0.5)]
    [InlineData("The army marched on the capital. It seized power.", 0.5)]
    [InlineData("Power was seized by the army.", 0.0)]
    [InlineData("The army marched. Officers seized the radio station and, by nightfall, power.", 0.0)]
    public void Pairs_CountTheQuestionsNeighbouringWordsOneSentenceHasInOrder(string passage, double expected)
    {
        var quote = QuoteSelector.Select(passage, null, TestWeights.Of("army seized power"));

        Assert.Equal(expected, quote.Pairs, 3);
    }

    [Fact]
    public void Pairs_OfAOneWordQuestion_AreNone()
    {
        Assert.Equal(0, QuoteSelector.Select("The army seized power.", null, TestWeights.Of("army")).Pairs);
    }

    [Fact]
    public void LexicalEvidence_OfAPassageHoldingTheWordsTogether_IsHigherThanOfOneHoldingThemApart()
    {
        var weights = TestWeights.Of("army seized power");
        var together = QuoteSelector.Select("The army seized power. The radio fell silent.", null, weights);
        var apart = QuoteSelector.Select("Power was seized. The army fell silent.", null, weights);

        Assert.Equal(together.PassageCoverage, apart.PassageCoverage, 6);
        Assert.True(AnswerEngine.LexicalEvidence(together) > AnswerEngine.LexicalEvidence(apart));
    }
}
