using System.Globalization;
using System.Text;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// The blocks of a Markdown body as plain text: paragraphs, headings and list items keep their words; emphasis,
/// link and code markup go (link text stays); code blocks and raw HTML blocks are not prose and are left out. An
/// ordered list item keeps its number, so "1964." is not lost.
/// </summary>
/// <remarks>
/// <para>
/// A reader of its own for the CommonMark block structure, because every source is hostile and Markdig's time is
/// quadratic in places (560 KB of link reference definitions took 16 s, 80,000 setext headings 4 s, 100,000
/// <c>[a](</c> two minutes) and its nesting limit throws. This one reads each line once, keeping its containers
/// on a list, never recursing, so its time is linear and no nesting overflows the stack; inlines are stripped by
/// <see cref="MarkdownInlines"/>, which is linear too.
/// </para>
/// <para>
/// Quotes and list items nested deeper than <see cref="MaxNesting"/> are read as if at that depth: the markers
/// are consumed and the text kept, and a deeper list item still starts a paragraph of its own.
/// </para>
/// </remarks>
public static class MarkdownBlocks
{
    /// <summary>Far deeper than prose nests; each line is matched against at most this many containers.</summary>
    public const int MaxNesting = 32;

    public static List<Block> Read(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var parser = new BlockParser(markdown);
        var leaves = parser.Parse();
        var inlines = new MarkdownInlines(parser.Labels);
        var blocks = new List<Block>();
        foreach (var leaf in leaves)
        {
            var text = inlines.ToPlainText(leaf.Raw);
            if (leaf.IsHeading)
            {
                var title = text.Replace('\n', ' ').Trim();
                if (title.Length > 0)
                {
                    blocks.Add(new Block(title, BlockKind.Heading));
                }

                continue;
            }

            var first = true;
            foreach (var paragraph in LineBreaks.Paragraphs(text))
            {
                blocks.Add(new Block(first && leaf.Marker is not null ? leaf.Marker + paragraph : paragraph, BlockKind.Paragraph));
                first = false;
            }
        }

        return blocks;
    }

    /// <summary>A paragraph or heading with its raw inline text, and the number of the list item it opens.</summary>
    private sealed record Leaf(bool IsHeading, string Raw, string? Marker);

    private enum ContainerKind
    {
        Document,
        Quote,
        Item,
    }

    private enum LeafKind
    {
        None,
        Paragraph,
        FencedCode,
        IndentedCode,
        Html,
    }

    private sealed class Container(ContainerKind kind)
    {
        public ContainerKind Kind { get; } = kind;

        /// <summary>Columns of indentation a line needs to continue this item.</summary>
        public int ContentIndent { get; init; }

        /// <summary>Whether the item has a block yet: an item that starts with a blank line ends at a second one.</summary>
        public bool HasContent { get; set; }

        /// <summary>"3. " for an ordered item until its first block is known: a paragraph is prefixed with it.</summary>
        public string? PendingMarker { get; set; }

        /// <summary>The list whose item is this container's last child, which a next item of its kind continues.</summary>
        public ListInfo? LastList { get; set; }
    }

    private sealed class ListInfo(char kind, bool ordered, int next)
    {
        /// <summary>The bullet character, or the delimiter after the number ('.' or ')').</summary>
        public char Kind { get; } = kind;

        public bool Ordered { get; } = ordered;

        public int Next { get; set; } = next;
    }

    /// <summary>A position in a line, in characters and in columns (tabs stop every 4 columns).</summary>
    private sealed class Cursor(string line)
    {
        public string Line { get; } = line;

        public int Offset { get; private set; }

        public int Column { get; private set; }

        public int NonSpace { get; private set; }

        public int Indent { get; private set; }

        public bool Blank => NonSpace >= Line.Length;

        public char Next => NonSpace < Line.Length ? Line[NonSpace] : '\0';

        public ReadOnlySpan<char> Rest => Line.AsSpan(NonSpace);

        /// <summary>Finds the next non-space character and the indentation before it.</summary>
        public void Scan()
        {
            var column = Column;
            var i = Offset;
            while (i < Line.Length && Line[i] is ' ' or '\t')
            {
                column += Line[i] == '\t' ? 4 - (column % 4) : 1;
                i++;
            }

            NonSpace = i;
            Indent = column - Column;
        }

        public void AdvanceColumns(int columns)
        {
            while (columns > 0 && Offset < Line.Length)
            {
                if (Line[Offset] == '\t')
                {
                    var width = 4 - (Column % 4);
                    if (width > columns)
                    {
                        // Part of a tab: the rest of it still counts as indentation.
                        Column += columns;
                        return;
                    }

                    Column += width;
                    columns -= width;
                }
                else
                {
                    Column++;
                    columns--;
                }

                Offset++;
            }
        }

        public void AdvanceToNonSpace()
        {
            AdvanceColumns(Indent);
            Scan();
        }

        /// <summary>Consumes <paramref name="count"/> characters that are not tabs (a marker).</summary>
        public void Advance(int count)
        {
            Offset += count;
            Column += count;
        }

        /// <summary>After '&gt;', one optional space (or a column of a tab) belongs to the marker.</summary>
        public void SkipOneSpace()
        {
            if (Offset < Line.Length && Line[Offset] is ' ' or '\t')
            {
                AdvanceColumns(1);
            }
        }
    }

    private sealed class BlockParser(string markdown)
    {
        private static readonly string[] Type1Tags = ["script", "pre", "style", "textarea"];

        private static readonly HashSet<string> Type6Tags = new(StringComparer.OrdinalIgnoreCase)
        {
            "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup",
            "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
            "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link",
            "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
            "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
        };

        private readonly List<Container> containers = [new Container(ContainerKind.Document)];
        private readonly List<Leaf> leaves = [];
        private readonly StringBuilder paragraph = new();
        private string? paragraphMarker;
        private LeafKind leaf;
        private char fenceChar;
        private int fenceLength;
        private int htmlEnd;
        private string? breakLine;
        private char breakChar;
        private int breakLastOther;

        /// <summary>Normalized labels of the link reference definitions, for resolving <c>[text][label]</c>.</summary>
        public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

        public List<Leaf> Parse()
        {
            var start = 0;
            while (start <= markdown.Length)
            {
                var end = markdown.IndexOf('\n', start);
                if (end < 0)
                {
                    end = markdown.Length;
                }

                Line(new Cursor(markdown[start..end]));
                start = end + 1;
            }

            while (containers.Count > 1)
            {
                CloseContainer();
            }

            CloseLeaf();
            return leaves;
        }

        private int Depth => containers.Count - 1;

        private void Line(Cursor line)
        {
            // Which open containers does this line continue?
            var matched = 1;
            for (; matched < containers.Count; matched++)
            {
                var container = containers[matched];
                line.Scan();
                if (container.Kind == ContainerKind.Quote)
                {
                    if (line.Indent > 3 || line.Next != '>')
                    {
                        break;
                    }

                    line.AdvanceToNonSpace();
                    line.Advance(1);
                    line.SkipOneSpace();
                }
                else if (line.Indent >= container.ContentIndent)
                {
                    line.AdvanceColumns(container.ContentIndent);
                }
                else if (line.Blank && container.HasContent)
                {
                    line.AdvanceToNonSpace();
                }
                else
                {
                    break;
                }
            }

            line.Scan();
            var allMatched = matched == containers.Count;
            if (allMatched && ContinuesLeaf(line))
            {
                return;
            }

            // New containers and leaves that start on this line. Past the nesting limit a quote marker is consumed
            // as if it were the deepest quote's, and a list marker as a new item at the deepest level.
            var paragraphContinues = allMatched && leaf == LeafKind.Paragraph && !line.Blank;
            var maybeLazy = leaf == LeafKind.Paragraph;
            var opened = false;
            var flatItem = false;
            while (true)
            {
                line.Scan();
                if (line.Indent >= 4)
                {
                    if (matched > MaxNesting)
                    {
                        // At the limit, deeper indentation is not code but a deeper level read flat.
                        line.AdvanceToNonSpace();
                    }
                    else if (!maybeLazy && !line.Blank)
                    {
                        CloseUnmatched(matched);
                        StartLeaf(LeafKind.IndentedCode);
                        return;
                    }
                    else
                    {
                        break;
                    }
                }

                var rest = line.Rest;
                if (line.Next == '>')
                {
                    line.AdvanceToNonSpace();
                    line.Advance(1);
                    line.SkipOneSpace();
                    matched = CloseUnmatched(matched);
                    if (Depth < MaxNesting)
                    {
                        StartChild(isParagraph: false);
                        containers.Add(new Container(ContainerKind.Quote));
                        matched++;
                        opened = true;
                        maybeLazy = false;
                        paragraphContinues = false;
                    }

                    continue;
                }

                if (AtxHeading(rest) is { } heading)
                {
                    CloseUnmatched(matched);
                    StartChild(isParagraph: false);
                    leaves.Add(new Leaf(true, heading, null));
                    return;
                }

                if (FenceStart(rest, out var fence, out var length))
                {
                    CloseUnmatched(matched);
                    StartLeaf(LeafKind.FencedCode);
                    (fenceChar, fenceLength) = (fence, length);
                    return;
                }

                if (HtmlBlockStart(rest, canInterruptParagraph: !paragraphContinues) is var kind and > 0)
                {
                    CloseUnmatched(matched);
                    StartLeaf(LeafKind.Html);
                    htmlEnd = kind;
                    if (kind <= 5 && HtmlBlockEnds(rest, kind))
                    {
                        leaf = LeafKind.None;
                    }

                    return;
                }

                if (paragraphContinues && SetextLevel(rest) > 0)
                {
                    var body = TakeDefinitions(paragraph.ToString());
                    paragraph.Clear();
                    leaf = LeafKind.None;
                    if (body.Length > 0)
                    {
                        leaves.Add(new Leaf(true, body, null));
                        return;
                    }

                    // Only definitions: the line is not an underline but what it would be on its own.
                    paragraphContinues = false;
                    maybeLazy = false;
                }

                if (IsThematicBreak(line))
                {
                    CloseUnmatched(matched);
                    StartChild(isParagraph: false);
                    return;
                }

                if (ListMarker(line, paragraphContinues) is { } marker)
                {
                    matched = CloseUnmatched(matched);
                    if (Depth < MaxNesting)
                    {
                        OpenItem(marker);
                        matched++;
                        opened = true;
                    }
                    else
                    {
                        flatItem = true;
                    }

                    maybeLazy = false;
                    paragraphContinues = false;
                    continue;
                }

                break;
            }

            line.Scan();
            if (!allMatched && !opened && !flatItem && leaf == LeafKind.Paragraph && !line.Blank)
            {
                // A lazy continuation line: a paragraph goes on even without the quote's '>' or the item's indent.
                AppendLine(line.Rest);
                return;
            }

            CloseUnmatched(matched);
            if (line.Blank)
            {
                if (leaf == LeafKind.Paragraph)
                {
                    CloseLeaf();
                }

                return;
            }

            if (leaf == LeafKind.Paragraph && !opened && !flatItem)
            {
                AppendLine(line.Rest);
                return;
            }

            paragraphMarker = StartChild(isParagraph: true);
            leaf = LeafKind.Paragraph;
            AppendLine(line.Rest);
        }

        /// <summary>Whether the open code or HTML block takes this line (all containers matched).</summary>
        private bool ContinuesLeaf(Cursor line)
        {
            switch (leaf)
            {
                case LeafKind.FencedCode:
                    if (line.Indent <= 3 && IsClosingFence(line.Rest))
                    {
                        leaf = LeafKind.None;
                    }

                    return true;
                case LeafKind.Html:
                    if (htmlEnd >= 6 ? line.Blank : HtmlBlockEnds(line.Line.AsSpan(line.Offset), htmlEnd))
                    {
                        leaf = LeafKind.None;
                    }

                    return true;
                case LeafKind.IndentedCode:
                    if (line.Indent >= 4 || line.Blank)
                    {
                        return true;
                    }

                    leaf = LeafKind.None;
                    return false;
                default:
                    return false;
            }
        }

        private void AppendLine(ReadOnlySpan<char> text)
        {
            if (paragraph.Length > 0)
            {
                paragraph.Append('\n');
            }

            // Trailing spaces stay: inside a code span they are content; the inline pass drops the others.
            paragraph.Append(text);
        }

        /// <summary>Closes the containers this line did not continue; returns how many stay open.</summary>
        private int CloseUnmatched(int matched)
        {
            while (containers.Count > matched)
            {
                CloseContainer();
            }

            return matched;
        }

        private void CloseContainer()
        {
            CloseLeaf();
            containers.RemoveAt(containers.Count - 1);
        }

        private void StartLeaf(LeafKind kind)
        {
            CloseLeaf();
            StartChild(isParagraph: false);
            leaf = kind;
        }

        /// <summary>
        /// Notes that a block starts in the innermost container: a paragraph there ends, a list there ends unless
        /// this is its next item, and an ordered item's number goes to its first block if that is a paragraph.
        /// </summary>
        private string? StartChild(bool isParagraph, bool isItem = false)
        {
            CloseLeaf();
            var parent = containers[^1];
            parent.HasContent = true;
            if (!isItem)
            {
                parent.LastList = null;
            }

            var marker = parent.PendingMarker;
            parent.PendingMarker = null;
            return isParagraph ? marker : null;
        }

        private void CloseLeaf()
        {
            if (leaf == LeafKind.Paragraph)
            {
                var body = TakeDefinitions(paragraph.ToString());
                if (body.Length > 0)
                {
                    leaves.Add(new Leaf(false, body, paragraphMarker));
                }
            }

            paragraph.Clear();
            paragraphMarker = null;
            leaf = LeafKind.None;
        }

        private void OpenItem(Marker marker)
        {
            StartChild(isParagraph: false, isItem: true);
            var parent = containers[^1];
            var list = parent.LastList;
            if (list is null || list.Kind != marker.Kind || list.Ordered != marker.Ordered)
            {
                list = new ListInfo(marker.Kind, marker.Ordered, marker.Start);
                parent.LastList = list;
            }

            var number = list.Next++;
            containers.Add(new Container(ContainerKind.Item)
            {
                ContentIndent = marker.ContentIndent,
                PendingMarker = marker.Ordered ? string.Create(CultureInfo.InvariantCulture, $"{number}{marker.Kind} ") : null,
            });
        }

        private readonly record struct Marker(char Kind, bool Ordered, int Start, int ContentIndent);

        /// <summary>A list item's marker at the line's next non-space; consumes it and the space after it.</summary>
        private static Marker? ListMarker(Cursor line, bool interruptsParagraph)
        {
            if (line.Indent > 3)
            {
                return null;
            }

            var text = line.Line;
            var p = line.NonSpace;
            char kind;
            var ordered = false;
            var start = 0;
            if (p < text.Length && text[p] is '-' or '+' or '*')
            {
                kind = text[p];
                p++;
            }
            else
            {
                var digits = p;
                while (p < text.Length && p - digits < 9 && char.IsAsciiDigit(text[p]))
                {
                    start = (start * 10) + (text[p] - '0');
                    p++;
                }

                if (p == digits || p >= text.Length || text[p] is not ('.' or ')'))
                {
                    return null;
                }

                kind = text[p];
                ordered = true;
                p++;
            }

            if (p < text.Length && text[p] is not (' ' or '\t'))
            {
                return null;
            }

            var markerWidth = p - line.NonSpace;
            var restBlank = text.AsSpan(p).IsWhiteSpace();
            if (interruptsParagraph && (restBlank || (ordered && start != 1)))
            {
                // Only a non-empty item, and an ordered one only from 1, may interrupt a paragraph:
                // "the war ended in\n1964. Then..." stays one paragraph.
                return null;
            }

            var markerIndent = line.Indent;
            line.AdvanceToNonSpace();
            line.Advance(markerWidth);
            line.Scan();
            int padding;
            if (restBlank)
            {
                padding = markerWidth + 1;
            }
            else if (line.Indent >= 5)
            {
                padding = markerWidth + 1;
                line.AdvanceColumns(1);
            }
            else
            {
                padding = markerWidth + line.Indent;
                line.AdvanceToNonSpace();
            }

            return new Marker(kind, ordered, start, markerIndent + padding);
        }

        private static string? AtxHeading(ReadOnlySpan<char> rest)
        {
            var level = 0;
            while (level < rest.Length && rest[level] == '#')
            {
                level++;
            }

            if (level is 0 or > 6 || (level < rest.Length && rest[level] is not (' ' or '\t')))
            {
                return null;
            }

            var content = rest[level..].Trim(" \t");
            var closing = content.Length;
            while (closing > 0 && content[closing - 1] == '#')
            {
                closing--;
            }

            if (closing == 0 || content[closing - 1] is ' ' or '\t')
            {
                content = content[..closing].TrimEnd(" \t");
            }

            return content.ToString();
        }

        private static bool FenceStart(ReadOnlySpan<char> rest, out char fence, out int length)
        {
            fence = rest.Length > 0 ? rest[0] : '\0';
            length = 0;
            if (fence is not ('`' or '~'))
            {
                return false;
            }

            while (length < rest.Length && rest[length] == fence)
            {
                length++;
            }

            return length >= 3 && (fence == '~' || !rest[length..].Contains('`'));
        }

        private bool IsClosingFence(ReadOnlySpan<char> rest)
        {
            var length = 0;
            while (length < rest.Length && rest[length] == fenceChar)
            {
                length++;
            }

            return length >= fenceLength && rest[length..].IsWhiteSpace();
        }

        private static int SetextLevel(ReadOnlySpan<char> rest)
        {
            if (rest.Length == 0 || rest[0] is not ('=' or '-'))
            {
                return 0;
            }

            var c = rest[0];
            var run = 0;
            while (run < rest.Length && rest[run] == c)
            {
                run++;
            }

            return rest[run..].IsWhiteSpace() ? (c == '=' ? 1 : 2) : 0;
        }

        /// <summary>
        /// Whether the rest of the line is <c>***</c>, <c>- - -</c> or <c>___</c>. Where the line's last other
        /// character is, is found once per line and kind: "- - - … x" is a list item at each of its markers, and
        /// scanning to the end from each one was quadratic.
        /// </summary>
        private bool IsThematicBreak(Cursor line)
        {
            var rest = line.Rest;
            if (rest.Length == 0 || rest[0] is not ('*' or '-' or '_'))
            {
                return false;
            }

            var c = rest[0];
            if (!ReferenceEquals(breakLine, line.Line) || breakChar != c)
            {
                var text = line.Line.AsSpan();
                (breakLine, breakChar, breakLastOther) = (line.Line, c, text.LastIndexOfAnyExcept(c, ' ', '\t'));
            }

            return breakLastOther < line.NonSpace && rest.Count(c) >= 3;
        }

        /// <summary>Which of the seven kinds of HTML block starts here, or 0.</summary>
        private static int HtmlBlockStart(ReadOnlySpan<char> rest, bool canInterruptParagraph)
        {
            if (rest.Length < 2 || rest[0] != '<')
            {
                return 0;
            }

            foreach (var tag in Type1Tags)
            {
                if (StartsWithTag(rest[1..], tag) is var after and >= 0 && (after == rest.Length - 1 || rest[1 + after] is ' ' or '\t' or '>'))
                {
                    return 1;
                }
            }

            if (rest.StartsWith("<!--"))
            {
                return 2;
            }

            if (rest[1] == '?')
            {
                return 3;
            }

            if (rest.StartsWith("<![CDATA["))
            {
                return 5;
            }

            if (rest[1] == '!' && rest.Length > 2 && char.IsAsciiLetter(rest[2]))
            {
                return 4;
            }

            var name = rest[1] == '/' ? rest[2..] : rest[1..];
            var nameLength = 0;
            while (nameLength < name.Length && char.IsAsciiLetterOrDigit(name[nameLength]))
            {
                nameLength++;
            }

            if (nameLength > 0 && Type6Tags.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name[..nameLength]))
            {
                var next = name[nameLength..];
                if (next.IsEmpty || next[0] is ' ' or '\t' or '>' || next.StartsWith("/>"))
                {
                    return 6;
                }
            }

            if (canInterruptParagraph && MarkdownInlines.HtmlTagLength(rest) is var tagLength and > 0 && rest[tagLength..].IsWhiteSpace())
            {
                return 7;
            }

            return 0;
        }

        /// <summary>The length of <paramref name="tag"/> when the span starts with it (ignoring case), or -1.</summary>
        private static int StartsWithTag(ReadOnlySpan<char> text, string tag)
            => text.StartsWith(tag, StringComparison.OrdinalIgnoreCase) ? tag.Length : -1;

        private static bool HtmlBlockEnds(ReadOnlySpan<char> line, int kind) => kind switch
        {
            1 => line.Contains("</script>", StringComparison.OrdinalIgnoreCase) || line.Contains("</pre>", StringComparison.OrdinalIgnoreCase)
                || line.Contains("</style>", StringComparison.OrdinalIgnoreCase) || line.Contains("</textarea>", StringComparison.OrdinalIgnoreCase),
            2 => line.Contains("-->", StringComparison.Ordinal),
            3 => line.Contains("?>", StringComparison.Ordinal),
            4 => line.Contains('>'),
            5 => line.Contains("]]>", StringComparison.Ordinal),
            _ => false,
        };

        /// <summary>
        /// Removes the link reference definitions (<c>[label]: url "title"</c>) a paragraph starts with, noting their
        /// labels; returns what is left. Each attempt reads forward from where the last one ended.
        /// </summary>
        private string TakeDefinitions(string text)
        {
            var pos = 0;
            while (pos < text.Length && text[pos] == '[' && Definition(text, pos) is var end and > 0)
            {
                pos = end;
            }

            return pos == 0 ? text : text[pos..];
        }

        /// <summary>Where the definition at <paramref name="start"/> ends (after its line), or -1.</summary>
        private int Definition(string text, int start)
        {
            var labelEnd = MarkdownInlines.LabelEnd(text, start);
            if (labelEnd < 0 || labelEnd + 1 >= text.Length || text[labelEnd + 1] != ':')
            {
                return -1;
            }

            var label = MarkdownInlines.NormalizeLabel(text.AsSpan(start + 1, labelEnd - start - 1));
            if (label.Length == 0)
            {
                return -1;
            }

            var p = MarkdownInlines.SkipSpacesAndOneNewline(text, labelEnd + 2);
            var destinationEnd = MarkdownInlines.DestinationEnd(text, p);
            if (destinationEnd < 0 || (destinationEnd == p && (p >= text.Length || text[p] != '<')))
            {
                return -1;
            }

            var lineEnd = LineEndAfterSpaces(text, destinationEnd);
            var titleStart = MarkdownInlines.SkipSpacesAndOneNewline(text, destinationEnd);
            var end = -1;
            if (titleStart > destinationEnd && titleStart < text.Length && text[titleStart] is '"' or '\'' or '(')
            {
                var titleEnd = MarkdownInlines.TitleEnd(text, titleStart);
                if (titleEnd > 0)
                {
                    end = LineEndAfterSpaces(text, titleEnd);
                }
            }

            if (end < 0)
            {
                // No title, or one that fails: the destination must then end its line.
                end = lineEnd;
            }

            if (end < 0)
            {
                return -1;
            }

            Labels.Add(label);
            return end;
        }

        /// <summary>After spaces and tabs, the start of the next line (or the end of the text), or -1 if more follows.</summary>
        private static int LineEndAfterSpaces(string text, int p)
        {
            while (p < text.Length && text[p] is ' ' or '\t')
            {
                p++;
            }

            return p >= text.Length ? text.Length : text[p] == '\n' ? p + 1 : -1;
        }
    }
}
