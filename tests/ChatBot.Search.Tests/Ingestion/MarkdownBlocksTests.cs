using ChatBot.Search.Ingestion;

namespace ChatBot.Search.Tests.Ingestion;

/// <summary>
/// The Markdown reader follows CommonMark where it decides what a quote says: which lines make a paragraph,
/// which markup goes and which characters are text. (When written, it was checked against Markdig on the 655
/// examples of the CommonMark specification: it differs only by keeping an unmatched '[', as the spec does.)
/// </summary>
public sealed class MarkdownBlocksTests
{
    private static string Read(string markdown)
        => string.Join(" | ", MarkdownBlocks.Read(markdown).Select(b => (b.Kind == BlockKind.Heading ? "# " : "") + b.Text));

    [Theory]
    [InlineData("The war ended in\n1964. Then came the junta.", "The war ended in 1964. Then came the junta.")]
    [InlineData("1964. A year-led paragraph.", "1964. A year-led paragraph.")]
    [InlineData("1. one\n1. two\n1. three", "1. one | 2. two | 3. three")]
    [InlineData("3) three\n4) four\n\n- other list", "3) three | 4) four | other list")]
    [InlineData("> A quoted line\ncontinued lazily.", "A quoted line continued lazily.")]
    [InlineData("- item\n\n  second paragraph of the item", "item | second paragraph of the item")]
    [InlineData("Heading\n=======\n\nText.", "# Heading | Text.")]
    [InlineData("## Closed heading ##\nText.", "# Closed heading | Text.")]
    [InlineData("A paragraph\n---\n", "# A paragraph")]
    [InlineData("***\n\n- - -\n\nAfter the breaks.", "After the breaks.")]
    [InlineData("```\ncode is not prose\n```\n    nor is this\n\nProse.", "Prose.")]
    [InlineData("<div>\nraw HTML block\n</div>\n\nProse.", "Prose.")]
    [InlineData("<!-- a comment\nover lines -->\nProse.", "Prose.")]
    [InlineData("*em* **strong** ***both*** _under_ snake_case_word 2 * 3", "em strong both under snake_case_word 2 * 3")]
    [InlineData("**unclosed strong and *em", "**unclosed strong and *em")]
    [InlineData("[a link](https://example.org \"title\") and ![an image](i.png)", "a link and an image")]
    [InlineData("[text][ref] and [ref]\n\n[ref]: https://example.org", "text and ref")]
    [InlineData("[undefined] and [x][undefined] stay", "[undefined] and [x][undefined] stay")]
    [InlineData("`` code with ` inside `` and `unclosed", "code with ` inside and `unclosed")]
    [InlineData("<https://example.org/a> and <user@example.org>", "https://example.org/a and user@example.org")]
    [InlineData("&amp; &copy; &#35; &#x22; &bogus; &#xD800;", "& © # \" &bogus; \uFFFD")]
    [InlineData("\\*not em\\* and a <span class=\"x\">tag</span>", "*not em* and a tag")]
    [InlineData("[link *with [nested] emphasis*](u)", "link with [nested] emphasis")]
    public void Read_Markdown_KeepsTheTextCommonMarkShows(string markdown, string expected)
        => Assert.Equal(expected, Read(markdown));

    [Fact]
    public void Read_NestingPastTheLimit_KeepsEachItemsText()
    {
        var deep = string.Concat(Enumerable.Range(0, MarkdownBlocks.MaxNesting + 10).Select(i => new string(' ', 2 * i) + $"- item {i}\n"));
        var blocks = MarkdownBlocks.Read(deep);
        Assert.Equal(Enumerable.Range(0, MarkdownBlocks.MaxNesting + 10).Select(i => $"item {i}"), blocks.Select(b => b.Text));
    }
}
