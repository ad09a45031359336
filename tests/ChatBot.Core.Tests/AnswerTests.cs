using ChatBot.Core;

namespace ChatBot.Core.Tests;

public sealed class AnswerTests
{
    private static RankedQuote Quote(int rank, string source) => new(rank, 1, "q", [], new Citation(source, "T", null, null, "¶ 1"));

    [Fact]
    public void Agreement_OneClaimFromTwoSources_IsTheLeadingAnswer()
    {
        var answer = new Answer("who", true, [Quote(1, "a"), Quote(2, "b")], 2, TimeSpan.Zero)
        {
            Claims = [new AnswerClaim("René Barrientos", AnswerKind.Person, [1, 2], 2)],
        };
        Assert.Equal("René Barrientos", answer.Agreement?.Text);
        Assert.False(answer.Disagrees);
        Assert.Equal(2, answer.SourceCount);
    }

    [Fact]
    public void Agreement_OneSourceOnly_IsNoAgreement()
    {
        var answer = new Answer("who", true, [Quote(1, "a")], 1, TimeSpan.Zero)
        {
            Claims = [new AnswerClaim("Barrientos", AnswerKind.Person, [1], 1)],
        };
        Assert.Null(answer.Agreement);
        Assert.False(answer.Disagrees);
    }

    [Fact]
    public void Disagrees_TwoDifferentClaims_IsTrue()
    {
        var answer = new Answer("when", true, [Quote(1, "a"), Quote(2, "b")], 2, TimeSpan.Zero)
        {
            Claims = [new AnswerClaim("1964", AnswerKind.Date, [1], 1), new AnswerClaim("1963", AnswerKind.Date, [2], 1)],
        };
        Assert.True(answer.Disagrees);
        Assert.Null(answer.Agreement);
    }

    [Fact]
    public void Empty_IsNotConfidentAndHasNoResults()
    {
        var answer = Answer.Empty("?", TimeSpan.FromMilliseconds(3));
        Assert.False(answer.Confident);
        Assert.Empty(answer.Results);
        Assert.Equal(0, answer.SourceCount);
    }

    [Theory]
    [InlineData(null, "global")]
    [InlineData(42UL, "guild 42")]
    public void CorpusScope_ToString_SaysWhatItSearches(ulong? guild, string expected) => Assert.Equal(expected, new CorpusScope(guild).ToString());
}
