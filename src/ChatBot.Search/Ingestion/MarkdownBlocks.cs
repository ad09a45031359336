using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// The blocks of a Markdown body as plain text, through Markdig: paragraphs, headings and list items keep their
/// words; emphasis, link and code markup go (link text stays); code blocks and raw HTML blocks are not prose
/// and are left out. An ordered list item keeps its number, so "1964." is not lost.
/// </summary>
public static class MarkdownBlocks
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static List<Block> Read(string markdown)
    {
        var blocks = new List<Block>();
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var block in document)
        {
            Add(block, blocks, listMarker: null);
        }

        return blocks;
    }

    private static void Add(Markdig.Syntax.Block block, List<Block> blocks, string? listMarker)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var title = Inline(heading.Inline).Replace('\n', ' ').Trim();
                if (title.Length > 0)
                {
                    blocks.Add(new Block(title, BlockKind.Heading));
                }

                break;
            case ParagraphBlock paragraph:
                var first = true;
                foreach (var text in LineBreaks.Paragraphs(Inline(paragraph.Inline)))
                {
                    blocks.Add(new Block(first && listMarker is not null ? listMarker + text : text, BlockKind.Paragraph));
                    first = false;
                }

                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : null;
                    foreach (var child in item)
                    {
                        Add(child, blocks, marker);
                        marker = null;
                    }
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Add(child, blocks, listMarker: null);
                }

                break;
            default:
                // Code blocks, raw HTML blocks and thematic breaks are not prose.
                break;
        }
    }

    private static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(container, text);
        return text.ToString();
    }

    private static void Append(Markdig.Syntax.Inlines.Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case LineBreakInline:
                text.Append('\n');
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case HtmlInline:
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(child, text);
                }

                break;
            default:
                break;
        }
    }
}
