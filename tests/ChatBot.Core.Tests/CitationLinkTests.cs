using ChatBot.Core;

namespace ChatBot.Core.Tests;

public sealed class CitationLinkTests
{
    private static Citation Cite(string? url, int? page = null) => new("s", "T", null, url, "¶ 1", Page: page);

    [Fact]
    public void For_WebPage_TextFragmentFromTheFirstAndLastFourWords()
        => Assert.Equal(
            "https://en.wikipedia.org/wiki/Coup#:~:text=On%20November%204%2C%201964%2C,ending%20the%2012%20year",
            CitationLink.For(Cite("https://en.wikipedia.org/wiki/Coup"), "On November 4, 1964, a military junta led by General Rene Barrientos overthrew the President, ending the 12 year"));

    [Theory]
    [InlineData("a self-styled junta", "text=a%20self%2Dstyled%20junta")]
    [InlineData("Paz, & the MNR", "text=Paz%2C%20%26%20the%20MNR")]
    [InlineData("René Barrientos", "text=Ren%C3%A9%20Barrientos")]
    [InlineData("50% of #1 (sic)", "text=50%25%20of%20%231%20%28sic%29")]
    [InlineData("the coup …", "text=the%20coup")]
    public void TextDirective_SpecialCharacters_PercentEncodedPerTheSpecification(string quote, string directive)
        => Assert.Equal(directive, CitationLink.TextDirective(quote));

    [Fact]
    public void TextDirective_HugeWords_FewerWordsThenNone()
    {
        var word = new string('x', 100);
        Assert.Equal($"text={word},{word}", CitationLink.TextDirective(string.Join(' ', Enumerable.Repeat(word, 10))));
        Assert.Null(CitationLink.TextDirective(new string('y', 300)));
    }

    [Fact]
    public void For_Pdf_OpensAtThePage()
        => Assert.Equal("https://example.org/thesis.pdf#page=12", CitationLink.For(Cite("https://example.org/thesis.pdf#section-2", 12), "any quote"));

    [Fact]
    public void For_ExistingFragment_ReplacedByTheTextFragment()
        => Assert.Equal("https://example.org/a?x=1#:~:text=the%20junta", CitationLink.For(Cite("https://example.org/a?x=1#top"), "the junta"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void For_NoUrlOrNoQuote_NoFragment(string? quote)
    {
        Assert.Null(CitationLink.For(Cite(null), "the junta"));
        Assert.Equal("https://example.org/a", CitationLink.For(Cite("https://example.org/a"), quote));
    }
}
