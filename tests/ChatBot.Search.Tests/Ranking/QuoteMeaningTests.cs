using ChatBot.Search.Index;
using ChatBot.Search.Ranking;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>The quote of a passage longer than a quote, chosen by words alone and with the sentences' meaning.</summary>
public sealed class QuoteMeaningTests
{
    // Four sentences of about 180 characters: a quote holds two of them. The first and the last both name the
    // treaty; by words alone the earlier one wins the tie.
    private static readonly string Passage =
        "The treaty was printed in three languages and bound in red leather for the delegates, who carried copies home to their capitals after the long ceremony in the hall. " +
        "Reporters waited outside the palace gates through the night, and the crowds that gathered in the square sang until the police asked them to go home before dawn. " +
        "Weeks later the parliaments began their debates, and several of them sat late into the summer while farmers and merchants wrote to their members about tariffs. " +
        "Under the treaty the border was moved forty miles to the east, and the two armies withdrew behind the new line before the first snow fell on the mountain passes.";

    private static QuestionWeights Weights(string question)
    {
        var terms = new Dictionary<string, (int Group, double Weight)>(StringComparer.Ordinal);
        var groups = new List<double>();
        foreach (var token in TextAnalysis.Analyze(question).Where(t => t.Term is "treati"))
        {
            terms[token.Term] = (groups.Count, 1.0);
            groups.Add(1.0);
        }

        return new QuestionWeights(terms, [.. groups]);
    }

    [Fact]
    public void Select_ByWordsAlone_GrowsAroundTheEarlierSentence()
    {
        var quote = QuoteSelector.Select(Passage, null, Weights("What did the treaty change?"));

        Assert.StartsWith("The treaty was printed", quote.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("forty miles", quote.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_SentenceCloserInMeaning_QuotesIt()
    {
        var sentences = QuoteSelector.Sentences(Passage);
        var meaning = new SentenceMeaning([0.30, 0.20, 0.25, 0.45], Weight: 1);

        var quote = QuoteSelector.Select(Passage, null, Weights("What did the treaty change?"), meaning);

        Assert.Equal(4, sentences.Count);
        Assert.Contains("forty miles to the east", quote.Text, StringComparison.Ordinal);
        Assert.InRange(quote.Text.Length, 1, QuoteSelector.MaxQuoteLength);
    }

    [Fact]
    public void Select_NoWeightOrSimilaritiesThatDoNotLineUp_ChoosesByWordsAlone()
    {
        var byWords = QuoteSelector.Select(Passage, null, Weights("What did the treaty change?"));

        var unweighted = QuoteSelector.Select(Passage, null, Weights("What did the treaty change?"), new SentenceMeaning([0.3, 0.2, 0.25, 0.45], Weight: 0));
        var misaligned = QuoteSelector.Select(Passage, null, Weights("What did the treaty change?"), new SentenceMeaning([0.3, 0.9], Weight: 1));

        Assert.Equal(byWords.Text, unweighted.Text);
        Assert.Equal(byWords.Text, misaligned.Text);
    }
}
