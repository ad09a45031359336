using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// The main text of an HTML page, through AngleSharp: the page's &lt;main&gt; or &lt;article&gt; when it has
/// one, without scripts, navigation, headers, footers, sidebars, forms, cookie banners and hidden elements;
/// each block-level element with text of its own becomes a paragraph or a heading. Also reads the metadata a
/// citation needs. The page first goes through <see cref="HtmlNestingLimiter"/>, which keeps the parser's work
/// linear however the page nests.
/// </summary>
public static class HtmlBlocks
{
    private static readonly string[] Removed =
    [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav", "header",
        "footer", "aside", "form", "button", "input", "select", "textarea", "label", "dialog", "menu",
        "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]", "[role=complementary]",
        "[role=dialog]", "[role=alert]", "[aria-hidden=true]", "[hidden]",
    ];

    private static readonly string[] ChromeNames =
    [
        "nav", "menu", "sidebar", "footer", "header", "cookie", "consent", "breadcrumb", "share", "social", "comment",
        "advert", "banner", "popup", "modal", "newsletter", "subscribe", "related", "toolbar", "skip",
    ];

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption", "caption", "div", "section", "article",
        "main", "body", "ul", "ol", "dl", "table", "tbody", "thead", "tr", "figure", "address", "details", "summary",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br",
    };

    public static (List<Block> Blocks, SourceMetadata? Metadata) Read(string html)
    {
        var document = Parse(html);
        var metadata = ReadMetadata(document);
        foreach (var selector in Removed)
        {
            foreach (var element in document.QuerySelectorAll(selector).ToList())
            {
                element.Remove();
            }
        }

        foreach (var element in document.All.Where(IsChrome).ToList())
        {
            element.Remove();
        }

        var root = document.QuerySelector("main") ?? document.QuerySelector("[role=main]") ?? document.QuerySelector("article")
            ?? (IElement?)document.Body ?? document.DocumentElement;
        var blocks = new List<Block>();
        Collect(root, blocks);
        return (blocks, metadata);
    }

    /// <summary>
    /// Parses the limited page; if AngleSharp fails on its markup, parses its text alone. AngleSharp 1.10.3
    /// throws (NullReferenceException, ArgumentOutOfRangeException) on some misnested markup, for instance
    /// <c>&lt;select&gt;&lt;option&gt;&lt;div&gt;&lt;td&gt;&lt;template&gt;&lt;/template&gt;&lt;/div&gt;&lt;/td&gt;&lt;h2&gt;</c>,
    /// and a page's text should not be lost to a parser bug. Its title and chrome are, then: nothing tells them apart.
    /// </summary>
    private static IHtmlDocument Parse(string html)
    {
        var parser = new HtmlParser();
        try
        {
            return parser.ParseDocument(HtmlNestingLimiter.Limit(html));
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return parser.ParseDocument(HtmlNestingLimiter.Flatten(html));
        }
    }

    private static bool IsChrome(IElement element)
    {
        if (element.LocalName is "html" or "body" or "main" or "article")
        {
            return false;
        }

        var names = ((element.Id ?? "") + " " + (element.ClassName ?? "")).ToLowerInvariant();
        return names.Trim().Length > 0 && ChromeNames.Any(n => names.Split(' ', '-', '_').Contains(n));
    }

    /// <summary>
    /// Emits a block for each element whose own text is not inside a child block. Walks the tree with its own
    /// stack rather than by recursion, so that no nesting can overflow the thread's stack.
    /// </summary>
    private static void Collect(INode root, List<Block> blocks)
    {
        var open = new Stack<(INode Node, int Next, StringBuilder Inline)>();
        open.Push((root, 0, new StringBuilder()));
        while (open.Count > 0)
        {
            var (node, next, inline) = open.Pop();
            var children = node.ChildNodes;
            var descended = false;
            while (next < children.Length && !descended)
            {
                var child = children[next++];
                if (child is IElement element && BlockElements.Contains(element.LocalName))
                {
                    Flush(inline, node, blocks);
                    if (element.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                    {
                        var heading = Normalize(element.TextContent);
                        if (heading.Length > 0)
                        {
                            blocks.Add(new Block(heading, BlockKind.Heading));
                        }
                    }
                    else
                    {
                        open.Push((node, next, inline));
                        open.Push((element, 0, new StringBuilder()));
                        descended = true;
                    }
                }
                else if (child.NodeType is NodeType.Text or NodeType.Element)
                {
                    inline.Append(child.TextContent);
                }
            }

            if (!descended)
            {
                Flush(inline, node, blocks);
            }
        }
    }

    private static void Flush(StringBuilder inline, INode node, List<Block> blocks)
    {
        // Past its element budget the limiter marks paragraph breaks with U+2029 instead of elements.
        foreach (var part in inline.ToString().Split(HtmlNestingLimiter.ParagraphSeparator))
        {
            var text = Normalize(part);
            if (text.Length > 0)
            {
                blocks.Add(new Block(text, node is IElement { LocalName: "dt" } ? BlockKind.Heading : BlockKind.Paragraph));
            }
        }

        inline.Clear();
    }

    private static string Normalize(string text)
        => string.Join(' ', text.Split((char[])[' ', '\t', '\n', '\r', '\f', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    private static SourceMetadata? ReadMetadata(IDocument document)
    {
        string? Meta(string selector, string attribute = "content")
        {
            var value = document.QuerySelector(selector)?.GetAttribute(attribute)?.Trim();
            return string.IsNullOrEmpty(value) ? null : Normalize(value);
        }

        var title = Meta("meta[property='og:title']") ?? NullIfEmpty(Normalize(document.Title ?? ""))
            ?? NullIfEmpty(Normalize(document.QuerySelector("h1")?.TextContent ?? ""));
        if (title is null)
        {
            return null;
        }

        return new SourceMetadata(
            title,
            Meta("meta[name='author']") ?? Meta("meta[property='article:author']"),
            Meta("link[rel='canonical']", "href") ?? Meta("meta[property='og:url']"),
            Meta("meta[property='article:published_time']") ?? Meta("meta[name='date']") ?? Meta("time[datetime]", "datetime"),
            Meta("link[rel='license']", "href"));
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
