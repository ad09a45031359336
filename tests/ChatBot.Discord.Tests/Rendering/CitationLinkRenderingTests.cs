using ChatBot.Core;
using ChatBot.Discord.Rendering;

namespace ChatBot.Discord.Tests.Rendering;

public sealed class CitationLinkRenderingTests
{
    [Fact]
    public void CitationLine_WebSource_LinkKeepsTheTextFragmentEncoded()
    {
        var citation = new Citation("coup", "The coup", null, "https://example.org/wiki/Coup_(1964)", "¶ 2");

        var line = CitationLine.Render(citation, 700, "The self-styled junta, led by Barrientos, took power on 4 November 1964 (a Wednesday) at dawn -");

        Assert.Equal(
            "*The coup* · ¶ 2 · [source](https://example.org/wiki/Coup_%281964%29#:~:text=The%20self%2Dstyled%20junta%2C%20led,Wednesday%29%20at%20dawn%20%2D)",
            line);
    }

    [Fact]
    public void CitationLine_Pdf_LinksToThePage()
    {
        var citation = new Citation("thesis", "A thesis", null, "https://example.org/thesis.pdf", "pp. 12–13 ¶ 3", Page: 12);

        Assert.EndsWith("· pp. 12–13 ¶ 3 · [source](https://example.org/thesis.pdf#page=12)", CitationLine.Render(citation, 700, "any words"), StringComparison.Ordinal);
    }

    [Fact]
    public void CitationLine_NoRoomForTheLink_DropsItNotTheCitation()
    {
        var citation = new Citation("coup", "The coup", null, "https://example.org/" + new string('a', 400), "¶ 2");

        Assert.Equal("*The coup* · ¶ 2", CitationLine.Render(citation, 300, "The junta took power."));
    }
}
