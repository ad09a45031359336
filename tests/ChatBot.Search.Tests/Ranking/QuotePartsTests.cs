using ChatBot.Search.Ranking;
using ChatBot.Search.Tests.TestSupport;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>
/// A quote in two parts: when the sentences the quote would widen into say nothing of the question but a sentence
/// beyond them does, the quote is the best sentence and that one, joined by an ellipsis, each verbatim.
/// </summary>
public sealed class QuotePartsTests
{
    private const string Best = "The junta seized power on the fourth of November.";
    private const string Later = "Power stayed with the junta for eighteen years.";
    private const string Rains = "The rains came early that season and the roads into the highlands turned to mud, so that the market towns saw fewer traders than in any season anyone could remember and prices rose sharply.";
    private const string Ships = "Downriver the steamers kept to their timetable, though the pilots complained of new sandbars below every bend and asked for higher pay.";
    private const string Mines = "In the mining camps the shifts went on as before, the ore trains ran down to the railhead twice a week, and the company's accounts for the quarter showed the same losses as the one before it.";

    [Fact]
    public void Select_WhenTheNeighboursSayNothingOfTheQuestion_QuotesTheBestSentenceAndTheOneThatDoes()
    {
        var passage = string.Join(' ', Best, Rains, Mines, Ships, Later);

        var quote = QuoteSelector.Select(passage, null, TestWeights.Of("junta seized power years"));

        Assert.StartsWith(Best, quote.Text, StringComparison.Ordinal);
        Assert.EndsWith(Later, quote.Text, StringComparison.Ordinal);
        Assert.Contains(QuoteSelector.PartSeparator, quote.Text, StringComparison.Ordinal);
        Assert.InRange(quote.Text.Length, 1, QuoteSelector.MaxQuoteLength);
        Assert.All(quote.Text.Split(QuoteSelector.PartSeparator), part => Assert.Contains(part, passage, StringComparison.Ordinal));
        Assert.Equal(0, quote.Missing);
    }

    [Fact]
    public void Select_InTwoParts_HighlightsTheWordsOfBothWhereTheyStandInTheQuote()
    {
        var passage = string.Join(' ', Best, Rains, Mines, Ships, Later);

        var quote = QuoteSelector.Select(passage, null, TestWeights.Of("junta seized power years"));

        var marked = quote.Highlights.Select(h => quote.Text[h.Start..h.End]).ToList();
        Assert.Equal(["junta", "seized", "power", "Power", "junta", "years"], marked);
    }

    [Fact]
    public void Select_WhenANeighbourCoversTheQuestion_KeepsOneRunOfSentences()
    {
        var neighbour = "The army stood behind the junta.";
        var passage = string.Join(' ', Best, neighbour, Rains, Mines, Ships, Later);

        var quote = QuoteSelector.Select(passage, null, TestWeights.Of("junta seized power years"));

        Assert.DoesNotContain(QuoteSelector.PartSeparator, quote.Text, StringComparison.Ordinal);
        Assert.StartsWith(Best + " " + neighbour, quote.Text, StringComparison.Ordinal);
        Assert.Contains(quote.Text, passage, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_WhenNoOtherSentenceCoversTheQuestion_KeepsOneRunOfSentences()
    {
        var passage = string.Join(' ', Best, Rains, Mines, Ships);

        var quote = QuoteSelector.Select(passage, null, TestWeights.Of("junta seized power"));

        Assert.Equal(string.Join(' ', Best, Rains, Mines), quote.Text);
    }

    [Fact]
    public void Select_WhenTheOtherSentenceFitsBesideTheWindow_QuotesOneRun()
    {
        var passage = string.Join(' ', Best, "The radio fell silent.", Later);

        var quote = QuoteSelector.Select(passage, null, TestWeights.Of("junta seized power years"));

        Assert.Equal(passage, quote.Text);
    }
}
