using System.Text;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Rewrites an HTML page, before AngleSharp builds its tree, so that no page can make the tree builder slow.
/// The HTML tree-construction algorithm walks the stack of open elements for most tags (scope checks) and reopens
/// every open formatting element for each run of text, so its work grows with the square of the nesting: 50,000
/// nested &lt;div&gt;s (250 KB) took 45 s, 20,000 &lt;b&gt;s with distinct attributes 9 s, and 5,000 paragraphs
/// each leaving a &lt;b&gt; open more than 30 s.
/// </summary>
/// <remarks>
/// <para>
/// The page is tokenized as the HTML tokenizer does and written out again in a form that tokenizes only one way:
/// comments, CDATA and processing instructions dropped, the bodies of scripts and other raw-text elements other
/// than &lt;title&gt; and &lt;textarea&gt; emptied, every attribute quoted, every '&lt;' of text escaped, and a
/// self-closing non-void tag (<c>&lt;g/&gt;</c>) written as an open and a close tag. AngleSharp therefore sees
/// exactly the tags counted here, however the original was crafted to be read two ways.
/// </para>
/// <para>
/// Formatting tags other than &lt;a&gt; (&lt;b&gt;, &lt;font&gt;, …) are written as &lt;span&gt; with the same
/// attributes: the text is the same, but the builder no longer keeps a list of them to reopen. (It keeps at
/// most one &lt;a&gt;, since a new one closes the last.)
/// </para>
/// <para>
/// A model of the builder's stack of open elements pops an element only when the real algorithm certainly pops
/// it too, so it never counts fewer open elements than AngleSharp has, less the few the algorithm adds on its own
/// (html, body, tbody). Beyond <see cref="MaxDepth"/> open elements a start tag and its end tag are not written:
/// a block-level tag becomes a &lt;br&gt;, so its text still ends a paragraph, and any other tag just goes. Past
/// an element budget proportional to the page's size, start tags are no longer written at all and a block-level
/// one becomes U+2029 (PARAGRAPH SEPARATOR), which <see cref="HtmlBlocks"/> splits at. Text is never dropped.
/// Blink similarly stops nesting at 512 levels. A page within the limits keeps its tree.
/// </para>
/// </remarks>
internal static class HtmlNestingLimiter
{
    /// <summary>Far deeper than real pages nest (a few dozen levels); the builder's work per tag stays small.</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Elements a page may have: generous for real pages (an element per 60 to 100 characters) and about a second
    /// of AngleSharp's time per megabyte for a page of nothing but tags.
    /// </summary>
    public static int MaxElements(int htmlLength) => 16_384 + (htmlLength / 16);

    /// <summary>Separates paragraphs once the element budget is spent.</summary>
    public const char ParagraphSeparator = '\u2029';

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>Elements whose content is text up to their end tag; written empty, they carry nothing we read.</summary>
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "xmp", "iframe", "noembed", "noframes",
    };

    /// <summary>Raw-text elements whose text is read (the page title; a textarea is removed later anyway).</summary>
    private static readonly HashSet<string> EscapableRawText = new(StringComparer.Ordinal) { "title", "textarea" };

    /// <summary>Formatting elements written as &lt;span&gt; (all but &lt;a&gt;).</summary>
    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    /// <summary>The "special" category of the HTML standard, where an unmatched end tag stops looking.</summary>
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
        "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
        "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext",
        "pre", "script", "search", "section", "select", "source", "style", "summary", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp", "mi", "mo", "mn",
        "ms", "mtext", "annotation-xml", "foreignobject", "desc",
    };

    /// <summary>Where "has an element in scope" stops looking.</summary>
    private static readonly HashSet<string> ScopeBoundaries = new(StringComparer.Ordinal)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "mi", "mo", "mn", "ms",
        "mtext", "annotation-xml", "foreignobject", "desc", "title",
    };

    private static readonly HashSet<string> TableScopeBoundaries = new(StringComparer.Ordinal) { "html", "table", "template" };

    /// <summary>End tags the standard handles by "in scope" rather than as "any other end tag".</summary>
    private static readonly HashSet<string> ScopedEndTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "button", "center", "details", "dialog", "dir", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre",
        "search", "section", "summary", "ul", "applet", "marquee", "object",
    };

    /// <summary>Start tags that close an open &lt;p&gt; first.</summary>
    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "li", "dd", "dt", "hr",
    };

    /// <summary>Start tags that leave SVG or MathML content for HTML.</summary>
    private static readonly HashSet<string> BreakOut = new(StringComparer.Ordinal)
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
        "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    };

    private static readonly HashSet<string> IntegrationPoints = new(StringComparer.Ordinal)
    {
        "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
    };

    /// <summary>Elements whose text HtmlBlocks makes a paragraph of its own; beyond the limits they become &lt;br&gt;.</summary>
    private static readonly HashSet<string> BlockLevel = new(StringComparer.Ordinal)
    {
        "p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption", "caption", "div", "section", "article",
        "main", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr", "figure", "address", "details", "summary",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "aside", "center", "form", "fieldset", "menu",
    };

    private static readonly string[] Headings = ["h1", "h2", "h3", "h4", "h5", "h6"];

    public static string Limit(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new Rewriter(html, MaxElements(html.Length)).Run();
    }

    /// <summary>
    /// The page's text without any element, paragraphs separated by U+2029 and entities left for the parser to
    /// decode: what is left to read when the parser fails on the page's markup.
    /// </summary>
    public static string Flatten(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new Rewriter(html, maxElements: 0).Run();
    }

    private readonly record struct Open(string Name, bool Foreign, int Weight);

    private sealed class Rewriter(string html, int maxElements)
    {
        private readonly StringBuilder output = new(html.Length + 64);
        private readonly List<Open> stack = [];
        private readonly Dictionary<string, int> suppressed = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, string>> attributes = [];
        private readonly HashSet<string> attributeNames = new(StringComparer.Ordinal);
        private int depth;
        private int elements;

        private bool OverBudget => elements >= maxElements;

        public string Run()
        {
            var i = 0;
            while (i < html.Length)
            {
                var lt = html.IndexOf('<', i);
                if (lt < 0)
                {
                    output.Append(html, i, html.Length - i);
                    break;
                }

                output.Append(html, i, lt - i);
                i = Markup(lt);
            }

            return output.ToString();
        }

        /// <summary>Handles the markup (or the lone '&lt;') at <paramref name="lt"/>; returns where text resumes.</summary>
        private int Markup(int lt)
        {
            var next = lt + 1 < html.Length ? html[lt + 1] : '\0';
            if (next == '!')
            {
                return Declaration(lt);
            }

            if (next == '?')
            {
                return BogusComment(lt + 2);
            }

            var isEnd = next == '/';
            var nameStart = isEnd ? lt + 2 : lt + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                if (isEnd && nameStart < html.Length)
                {
                    // "</>" is ignored; "</ x>" and "</3>" are bogus comments.
                    return html[nameStart] == '>' ? nameStart + 1 : BogusComment(nameStart);
                }

                output.Append("&lt;");
                return lt + 1;
            }

            var end = ReadTag(nameStart, out var name, out var selfClosing);
            if (end < 0)
            {
                // A tag cut off by the end of the file is dropped by the tokenizer.
                return html.Length;
            }

            if (isEnd)
            {
                EndTag(name);
                return end;
            }

            if (RawText.Contains(name) || EscapableRawText.Contains(name))
            {
                return RawTextElement(name, end, selfClosing);
            }

            if (name == "plaintext")
            {
                // Everything after <plaintext> is text.
                AppendEscaped(end, html.Length);
                return html.Length;
            }

            StartTag(name, selfClosing);
            return end;
        }

        private int Declaration(int lt)
        {
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var start = lt + 4;
                if (start < html.Length && html[start] == '>')
                {
                    return start + 1;
                }

                if (start + 1 < html.Length && html[start] == '-' && html[start + 1] == '>')
                {
                    return start + 2;
                }

                for (var dashes = html.IndexOf("--", start, StringComparison.Ordinal); dashes >= 0; dashes = html.IndexOf("--", dashes + 1, StringComparison.Ordinal))
                {
                    if (dashes + 2 < html.Length && html[dashes + 2] == '>')
                    {
                        return dashes + 3;
                    }

                    if (dashes + 3 < html.Length && html[dashes + 2] == '!' && html[dashes + 3] == '>')
                    {
                        return dashes + 4;
                    }
                }

                return html.Length;
            }

            if (html.Length - lt >= 9 && html.AsSpan(lt + 2, 7).Equals("doctype", StringComparison.OrdinalIgnoreCase))
            {
                // A doctype ends at the first '>' whatever it holds; it decides quirks mode, so it is kept.
                var close = html.IndexOf('>', lt);
                var end = close < 0 ? html.Length : close + 1;
                output.Append(html, lt, end - lt);
                if (close < 0)
                {
                    output.Append('>');
                }

                return end;
            }

            return BogusComment(lt + 2);
        }

        private int BogusComment(int from)
        {
            var close = html.IndexOf('>', from);
            return close < 0 ? html.Length : close + 1;
        }

        /// <summary>
        /// Reads a tag from its name to its '&gt;' by the tokenizer's states (a quote opens a value only after
        /// '='); returns the index after it, or -1 when the file ends first.
        /// </summary>
        private int ReadTag(int nameStart, out string name, out bool selfClosing)
        {
            var p = nameStart;
            while (p < html.Length && !IsTagSpace(html[p]) && html[p] is not ('/' or '>'))
            {
                p++;
            }

            name = html[nameStart..p].ToLowerInvariant();
            selfClosing = false;
            attributes.Clear();
            attributeNames.Clear();
            while (p < html.Length)
            {
                var c = html[p];
                if (IsTagSpace(c))
                {
                    p++;
                    continue;
                }

                if (c == '>')
                {
                    return p + 1;
                }

                if (c == '/')
                {
                    p++;
                    if (p < html.Length && html[p] == '>')
                    {
                        selfClosing = true;
                        return p + 1;
                    }

                    continue;
                }

                // An attribute name runs to white space, '/', '>' or '='; a leading '=' belongs to the name.
                var attributeStart = p++;
                while (p < html.Length && !IsTagSpace(html[p]) && html[p] is not ('/' or '>' or '='))
                {
                    p++;
                }

                var attributeName = html[attributeStart..p].ToLowerInvariant();
                while (p < html.Length && IsTagSpace(html[p]))
                {
                    p++;
                }

                var value = "";
                if (p < html.Length && html[p] == '=')
                {
                    p++;
                    while (p < html.Length && IsTagSpace(html[p]))
                    {
                        p++;
                    }

                    if (p < html.Length && html[p] is '"' or '\'')
                    {
                        var close = html.IndexOf(html[p], p + 1);
                        if (close < 0)
                        {
                            return -1;
                        }

                        value = html[(p + 1)..close];
                        p = close + 1;
                    }
                    else
                    {
                        var valueStart = p;
                        while (p < html.Length && !IsTagSpace(html[p]) && html[p] != '>')
                        {
                            p++;
                        }

                        value = html[valueStart..p];
                    }
                }

                // Names that could not be written back unambiguously are parse errors nobody relies on.
                if (attributeName.AsSpan().IndexOfAny("\"'<=") < 0 && attributeNames.Add(attributeName))
                {
                    attributes.Add(new(attributeName, value));
                }
            }

            return -1;
        }

        private int RawTextElement(string name, int contentStart, bool selfClosing)
        {
            var contentEnd = contentStart;
            var resume = contentStart;
            if (!selfClosing || !InForeignContent())
            {
                contentEnd = FindEndTag(name, contentStart);
                resume = contentEnd < html.Length ? SkipEndTag(contentEnd) : html.Length;
            }

            if (OverBudget)
            {
                // Past the budget a script's or a title's text is dropped with it rather than shown as prose.
                return resume;
            }

            elements++;
            WriteStartTag(name);
            if (EscapableRawText.Contains(name))
            {
                AppendEscaped(contentStart, contentEnd);
            }

            output.Append("</").Append(name).Append('>');
            return resume;
        }

        /// <summary>Where "&lt;/name" followed by white space, '/' or '&gt;' starts, or the end of the file.</summary>
        private int FindEndTag(string name, int from)
        {
            for (var p = html.IndexOf("</", from, StringComparison.Ordinal); p >= 0; p = html.IndexOf("</", p + 2, StringComparison.Ordinal))
            {
                var after = p + 2 + name.Length;
                if (after <= html.Length && html.AsSpan(p + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                    && (after == html.Length || IsTagSpace(html[after]) || html[after] is '/' or '>'))
                {
                    return p;
                }
            }

            return html.Length;
        }

        private int SkipEndTag(int lt)
        {
            var close = html.IndexOf('>', lt);
            return close < 0 ? html.Length : close + 1;
        }

        private void StartTag(string name, bool selfClosing)
        {
            if (OverBudget)
            {
                if (BlockLevel.Contains(name) || name == "br")
                {
                    output.Append(ParagraphSeparator);
                }

                return;
            }

            if (name is "html" or "head" or "body" || Void.Contains(name))
            {
                // In the body html, head and body merge attributes into the existing element or are ignored.
                elements++;
                WriteStartTag(name);
                return;
            }

            var foreign = InForeignContent();
            if (foreign && (BreakOut.Contains(name) || (name == "font" && attributes.Exists(a => a.Key is "color" or "face" or "size"))))
            {
                while (InForeignContent())
                {
                    Pop();
                }

                foreign = false;
            }

            if (!foreign && Formatting.Contains(name))
            {
                name = "span";
            }

            if (depth >= MaxDepth)
            {
                // Never written, so the builder closes nothing for it either.
                if (!selfClosing)
                {
                    suppressed[name] = suppressed.GetValueOrDefault(name) + 1;
                }

                WriteReplacement(name);
                return;
            }

            if (!foreign)
            {
                CloseImplied(name);
            }

            elements++;
            WriteStartTag(name);
            var weight = name == "table" ? 3 : 1; // the builder adds tbody and tr itself
            stack.Add(new Open(name, foreign || name is "svg" or "math", weight));
            depth += weight;
            if (selfClosing)
            {
                // Honoured in SVG, ignored in HTML: written as open and close, it nests nothing either way.
                EndTag(name);
            }
        }

        /// <summary>The elements the builder closes before opening <paramref name="name"/> (outside SVG and MathML).</summary>
        private void CloseImplied(string name)
        {
            if (ClosesParagraph.Contains(name))
            {
                PopToFound(FindInScope("p", button: true));
            }

            switch (name)
            {
                case "li":
                    PopToFound(FindListItem("li"));
                    break;
                case "dd" or "dt":
                    PopToFound(FindListItem("dd", "dt"));
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    if (stack.Count > 0 && Array.IndexOf(Headings, stack[^1].Name) >= 0)
                    {
                        Pop();
                    }

                    break;
                case "option" or "optgroup":
                    if (stack.Count > 0 && stack[^1].Name == "option")
                    {
                        Pop();
                    }

                    break;
                case "td" or "th":
                    PopToFound(FindInTableScope("td", "th"));
                    break;
                case "tr":
                    PopToFound(FindInTableScope("tr"));
                    break;
                case "tbody" or "thead" or "tfoot":
                    PopToFound(FindInTableScope("tbody", "thead", "tfoot"));
                    break;
                default:
                    break;
            }
        }

        private void EndTag(string name)
        {
            if (!InForeignContent() && Formatting.Contains(name))
            {
                name = "span";
            }

            if (suppressed.TryGetValue(name, out var count) && count > 0)
            {
                suppressed[name] = count - 1;
                WriteReplacement(name);
                return;
            }

            if (name is "body" or "html" or "head" or "br")
            {
                // </body> and </html> only switch modes and </br> is a <br>: nothing closes for certain.
                WriteEndTag(name);
                return;
            }

            if (name == "form")
            {
                // </form> removes the form from wherever it is in the stack; only the top is certain to go.
                WriteEndTag(name);
                if (stack.Count > 0 && stack[^1].Name == "form")
                {
                    Pop();
                }

                return;
            }

            var found = name switch
            {
                "p" => FindInScope("p", button: true),
                "li" => FindInListItemScope(),
                "dd" or "dt" => FindInScope(name, button: false),
                "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => FindInScope(Headings),
                "td" or "th" or "tr" or "tbody" or "thead" or "tfoot" or "table" or "caption" => FindInTableScope(name),
                _ when ScopedEndTags.Contains(name) => FindInScope(name, button: false),
                // "Any other end tag", and <a>: without a block inside, the adoption agency pops to the element;
                // with one, it moves nodes about and the stack keeps its size.
                _ => FindBeforeSpecial(name),
            };

            // Past the budget, only end tags that close something are still written, so that text after them
            // does not stay inside, say, an open sidebar.
            if (!OverBudget || found >= 0)
            {
                WriteEndTag(name);
            }

            PopToFound(found);
        }

        private void WriteEndTag(string name) => output.Append("</").Append(name).Append('>');

        private void PopToFound(int at)
        {
            if (at >= 0)
            {
                PopTo(at);
            }
        }

        private void PopTo(int at)
        {
            while (stack.Count > at)
            {
                Pop();
            }
        }

        private void Pop()
        {
            depth -= stack[^1].Weight;
            stack.RemoveAt(stack.Count - 1);
        }

        private bool InForeignContent() => stack.Count > 0 && stack[^1].Foreign && !IntegrationPoints.Contains(stack[^1].Name);

        private int FindInScope(string name, bool button) => FindInScope([name], button);

        private int FindInScope(string[] names, bool button = false)
        {
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                var open = stack[i].Name;
                if (Array.IndexOf(names, open) >= 0)
                {
                    return i;
                }

                if (ScopeBoundaries.Contains(open) || (button && open == "button"))
                {
                    return -1;
                }
            }

            return -1;
        }

        private int FindInListItemScope()
        {
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                var open = stack[i].Name;
                if (open == "li")
                {
                    return i;
                }

                if (ScopeBoundaries.Contains(open) || open is "ol" or "ul")
                {
                    return -1;
                }
            }

            return -1;
        }

        private int FindInTableScope(params string[] names)
        {
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                if (Array.IndexOf(names, stack[i].Name) >= 0)
                {
                    return i;
                }

                if (TableScopeBoundaries.Contains(stack[i].Name))
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>The open &lt;li&gt; (or &lt;dd&gt;/&lt;dt&gt;) a new one closes: the search stops at other special elements.</summary>
        private int FindListItem(params string[] names)
        {
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                var open = stack[i].Name;
                if (Array.IndexOf(names, open) >= 0)
                {
                    return i;
                }

                if (IsSpecial(stack[i]) && open is not ("address" or "div" or "p"))
                {
                    return -1;
                }
            }

            return -1;
        }

        /// <summary>"Any other end tag": the element of that name, unless a special element is open above it.</summary>
        private int FindBeforeSpecial(string name)
        {
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                if (stack[i].Name == name)
                {
                    return i;
                }

                if (IsSpecial(stack[i]))
                {
                    return -1;
                }
            }

            return -1;
        }

        private static bool IsSpecial(Open open)
            => open.Foreign ? IntegrationPoints.Contains(open.Name) : Special.Contains(open.Name);

        private void WriteReplacement(string name)
        {
            if (!BlockLevel.Contains(name))
            {
                return;
            }

            if (OverBudget)
            {
                output.Append(ParagraphSeparator);
            }
            else
            {
                elements++;
                output.Append("<br>");
            }
        }

        private void WriteStartTag(string name)
        {
            output.Append('<').Append(name);
            foreach (var (key, value) in attributes)
            {
                output.Append(' ').Append(key).Append("=\"").Append(value.Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
            }

            output.Append('>');
        }

        private void AppendEscaped(int start, int end)
        {
            for (var i = start; i < end;)
            {
                var lt = html.IndexOf('<', i, end - i);
                if (lt < 0)
                {
                    output.Append(html, i, end - i);
                    return;
                }

                output.Append(html, i, lt - i).Append("&lt;");
                i = lt + 1;
            }
        }

        private static bool IsTagSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
    }
}
