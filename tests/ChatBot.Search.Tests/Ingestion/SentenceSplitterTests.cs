using ChatBot.Search.Text;

namespace ChatBot.Search.Tests.Ingestion;

public sealed class SentenceSplitterTests
{
    private static string[] Sentences(string text) => [.. SentenceSplitter.Split(text).Select(r => text[r.Start..r.End])];

    [Theory]
    [InlineData("The coup came in 1964. Paz went into exile.", "The coup came in 1964.|Paz went into exile.")]
    [InlineData("Was it a coup? Yes! It was.", "Was it a coup?|Yes!|It was.")]
    [InlineData("Gen. Barrientos led it. Others followed.", "Gen. Barrientos led it.|Others followed.")]
    [InlineData("J. F. Kennedy sent aid. It grew.", "J. F. Kennedy sent aid.|It grew.")]
    [InlineData("the U.S. role grew. The U.S. The end.", "the U.S. role grew.|The U.S.|The end.")]
    [InlineData("the U.S. Army helped.", "the U.S. Army helped.")]
    [InlineData("GNP rose by 5.7% annually. Tin helped.", "GNP rose by 5.7% annually.|Tin helped.")]
    [InlineData("a rating of 99.4. Newton led.", "a rating of 99.4.|Newton led.")]
    [InlineData("not the cause.(2) Cole Blasier regards it.", "not the cause.(2)|Cole Blasier regards it.")]
    [InlineData("He said \"it will rise.\" Then it did.", "He said \"it will rise.\"|Then it did.")]
    [InlineData("critics have ... written so much. Yes.", "critics have ... written so much.|Yes.")]
    [InlineData("going to rise... Certainly! Indeed.", "going to rise...|Certainly!|Indeed.")]
    [InlineData("The essay has two sections. \u2026", "The essay has two sections. \u2026")]
    [InlineData("See No. 5 and Fig. 2 for details. Done.", "See No. 5 and Fig. 2 for details.|Done.")]
    [InlineData("On Nov. 4 the junta struck. Paz fled.", "On Nov. 4 the junta struck.|Paz fled.")]
    [InlineData("No sentence end", "No sentence end")]
    [InlineData("  spaced out.   Next one.  ", "spaced out.|Next one.")]
    public void Split_Prose_FindsTheSentences(string text, string expected) => Assert.Equal(expected.Split('|'), Sentences(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("....!!!???")]
    [InlineData("(((((")]
    public void Split_Degenerate_NeverThrows(string text) => Assert.All(SentenceSplitter.Split(text), r => Assert.True(r.Start <= r.End));

    [Fact]
    public void Split_HugeInputWithoutSpaces_IsOneSentence()
    {
        var text = new string('a', 1_000_000) + ".";
        Assert.Single(SentenceSplitter.Split(text));
    }
}
