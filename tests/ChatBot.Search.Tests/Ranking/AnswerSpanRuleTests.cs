using ChatBot.Core;
using ChatBot.Search.Index;
using ChatBot.Search.Ranking;

namespace ChatBot.Search.Tests.Ranking;

/// <summary>The answer a reader sees marked in a quote, for the question shapes the rules read.</summary>
public sealed class AnswerSpanRuleTests
{
    [Theory]
    [InlineData("Who was the commissioner of the NFL in 2012?", "In early 2012, NFL Commissioner Roger Goodell stated that the league planned a spectacular game.", "Roger Goodell")]
    [InlineData("Who helped build the reactor?", "The reactor was built under the stands of Stagg Field. Chicago physicists helped.", "Chicago")]
    [InlineData("What percentage of the city was Jewish?", "Of the 350,000 residents of the city, some 30% were Jewish.", "30%")]
    [InlineData("Who drafted the treaty?", "The treaty was drafted by the young lawyer John Adams, with help from the clerk Samuel Ward.", "John Adams")]
    [InlineData("When was the Ottoman empire at its height?", "The empire lasted from 1299 to 1923. During the 16th and 17th centuries, at the height of its power, the Ottoman empire ruled much of Europe.", "16th and 17th centuries")]
    [InlineData("How many years has the valley been inhabited?", "The valley has been inhabited for thousands of years by farmers.", "thousands")]
    [InlineData("How many receptors must be bound?", "Many receptors (around 200–300) must be bound before the cell responds.", "200–300")]
    [InlineData("How much of the milk is produced in the north?", "Nearly two-thirds of the milk is produced in the north.", "two-thirds")]
    [InlineData("When did oxygen first appear in the atmosphere?", "Oxygen first appeared in the atmosphere about 2.5 billion years ago.", "2.5 billion years ago")]
    [InlineData("Who do the representatives defer to?", "Even Priesthood representatives defer to Elder Morgan when in his home.", "Elder Morgan")]
    [InlineData("Who led the team in interceptions?", "The Bears secondary featured safety Kurt Coleman, who led the team in interceptions.", "Kurt Coleman")]
    public void Find_Question_MarksTheAnswer(string question, string quote, string expected)
        => Assert.Equal(expected, Mark(question, quote));

    [Fact]
    public void Find_NameMadeOnlyOfQuestionWords_IsNeverTheAnswer()
        => Assert.Null(Mark("Who was Roger Goodell?", "Roger Goodell spoke."));

    [Fact]
    public void Find_CapitalisedFunctionWordStartingASentence_IsNoName()
        => Assert.NotEqual("Where", Mark("Who lived near the river?", "Where the river bends, fishermen lived near the old mill."));

    [Fact]
    public void Best_AQuoteThatStatesTheAnswer_ScoresHigherThanOneThatOnlyMentionsAName()
    {
        const string question = "Who drafted the treaty?";
        var states = Best(question, "The treaty was drafted by the young lawyer John Adams.");
        var mentions = Best(question, "Copies of the treaty reached Boston in the spring, and were read in the Old State House.");

        Assert.Equal("John Adams", states?.Span.Text);
        Assert.True(states!.Value.Score > (mentions?.Score ?? 0));
    }

    [Fact]
    public void Best_WithoutACandidate_IsNone()
        => Assert.Null(Best("Who drafted the treaty?", "The treaty was drafted."));

    [Theory]
    [InlineData("When the law is the target of the protest, what is this called?", AnswerKind.None)]
    [InlineData("When John Fox left as head coach, who replaced him?", AnswerKind.Person)]
    [InlineData("If a force points north-east, how many forces can you split it into?", AnswerKind.Number)]
    public void Classify_QuestionAfterAClause_ReadsTheQuestionNotTheClause(string question, AnswerKind kind)
        => Assert.Equal(kind, AnswerSpans.Classify(question));

    private static (AnswerSpan Span, double Score)? Best(string question, string quote)
    {
        var terms = TextAnalysis.Analyze(question).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var highlights = TextAnalysis.Analyze(quote).Where(t => terms.Contains(t.Term)).Select(t => new TextRange(t.Start, t.End)).ToList();
        return AnswerSpans.Best(question, quote, AnswerSpans.Classify(question), highlights, terms);
    }

    private static string? Mark(string question, string quote)
    {
        var terms = TextAnalysis.Analyze(question).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var highlights = TextAnalysis.Analyze(quote).Where(t => terms.Contains(t.Term)).Select(t => new TextRange(t.Start, t.End)).ToList();
        return AnswerSpans.Find(question, quote, AnswerSpans.Classify(question), highlights, terms)?.Text;
    }
}
