using System.Buffers;
using System.Globalization;
using System.Text;
using Markdig.Helpers;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// The plain text of a paragraph's or heading's Markdown inlines, as CommonMark reads them: emphasis markers and
/// link and image syntax go (link text and image descriptions stay), code spans keep their content, autolinks
/// their address, entities and escapes become the characters they stand for, raw HTML goes, and each line break
/// is a '\n'.
/// </summary>
/// <remarks>
/// Linear in the length of the text, whatever it holds: the text is read once; emphasis is resolved with the
/// standard's "openers bottom" bound; a closing bracket looks only at the last opener; a code span finds its
/// closing run through an index of runs by length; link destinations nest at most 32 parentheses and labels are
/// at most 999 characters; a search for a comment's or a declaration's end is reused by the next one. Nothing
/// recurses.
/// </remarks>
internal sealed class MarkdownInlines(IReadOnlySet<string> labels)
{
    private const int MaxLabel = 999;

    private const int MaxDestinationParentheses = 32;

    private static readonly SearchValues<char> Special = SearchValues.Create("\n\\`*_[]!<&");

    private readonly List<Node> nodes = [];
    private readonly List<Bracket> brackets = [];
    private readonly StringBuilder pending = new();
    private Dictionary<int, (List<int> Starts, int Next)>? backtickRuns;
    private int[]? bracketsBefore;
    private Delimiter? top;
    private int linkBarrier;
    private string s = "";
    private (int From, int Found) commentEnd;
    private (int From, int Found) instructionEnd;
    private (int From, int Found) cdataEnd;
    private (int From, int Found) declarationEnd;

    /// <summary>Literal text, or a run of '*' or '_' of which <see cref="Count"/> characters are still text.</summary>
    private sealed class Node(string text, char run = '\0')
    {
        public string Text { get; set; } = text;

        public char Run { get; } = run;

        public int Count { get; set; } = text.Length;
    }

    private sealed class Delimiter(Node node, bool canOpen, bool canClose)
    {
        public Node Node { get; } = node;

        public int Original { get; } = node.Count;

        public bool CanOpen { get; } = canOpen;

        public bool CanClose { get; } = canClose;

        public Delimiter? Previous { get; set; }

        public Delimiter? Next { get; set; }
    }

    private sealed class Bracket(Node node, bool image, int textStart, Delimiter? delimitersBefore)
    {
        public Node Node { get; } = node;

        public bool Image { get; } = image;

        public int TextStart { get; } = textStart;

        public Delimiter? DelimitersBefore { get; } = delimitersBefore;
    }

    public string ToPlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Reset(text);
        var i = 0;
        while (i < s.Length)
        {
            var next = s.AsSpan(i).IndexOfAny(Special);
            if (next < 0)
            {
                pending.Append(s, i, s.Length - i);
                break;
            }

            pending.Append(s, i, next);
            i += next;
            i = s[i] switch
            {
                '\n' => LineBreak(i + 1),
                '\\' => Backslash(i),
                '`' => CodeSpan(i),
                '*' or '_' => DelimiterRun(i),
                '[' => OpenBracket(i, image: false),
                '!' when i + 1 < s.Length && s[i + 1] == '[' => OpenBracket(i, image: true),
                ']' => CloseBracket(i),
                '<' => AngleBracket(i),
                '&' => Entity(i),
                _ => Literal(i),
            };
        }

        Flush();
        ProcessEmphasis(null);
        var output = new StringBuilder(s.Length);
        foreach (var node in nodes)
        {
            if (node.Run != '\0')
            {
                output.Append(node.Run, node.Count);
            }
            else
            {
                output.Append(node.Text);
            }
        }

        return output.ToString().Trim(' ', '\t', '\n');
    }

    /// <summary>The length of a complete HTML open or closing tag at the start of <paramref name="text"/>, or 0.</summary>
    public static int HtmlTagLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 3 || text[0] != '<')
        {
            return 0;
        }

        var closing = text[1] == '/';
        var p = closing ? 2 : 1;
        if (p >= text.Length || !char.IsAsciiLetter(text[p]))
        {
            return 0;
        }

        while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] == '-'))
        {
            p++;
        }

        if (closing)
        {
            p = SkipWhiteSpace(text, p);
            return p < text.Length && text[p] == '>' ? p + 1 : 0;
        }

        while (true)
        {
            var space = p;
            p = SkipWhiteSpace(text, p);
            if (p < text.Length && text[p] == '>')
            {
                return p + 1;
            }

            if (p + 1 < text.Length && text[p] == '/' && text[p + 1] == '>')
            {
                return p + 2;
            }

            if (p == space || p >= text.Length || !(char.IsAsciiLetter(text[p]) || text[p] is '_' or ':'))
            {
                return 0;
            }

            while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '_' or '.' or ':' or '-'))
            {
                p++;
            }

            var equals = SkipWhiteSpace(text, p);
            if (equals >= text.Length || text[equals] != '=')
            {
                continue;
            }

            var value = SkipWhiteSpace(text, equals + 1);
            if (value >= text.Length)
            {
                return 0;
            }

            if (text[value] is '"' or '\'')
            {
                var close = text[(value + 1)..].IndexOf(text[value]);
                if (close < 0)
                {
                    return 0;
                }

                p = value + 1 + close + 1;
                continue;
            }

            p = value;
            while (p < text.Length && text[p] is not (' ' or '\t' or '\n' or '"' or '\'' or '=' or '<' or '>' or '`'))
            {
                p++;
            }

            if (p == value)
            {
                return 0;
            }
        }
    }

    /// <summary>The index of the ']' that closes the link label opened at <paramref name="start"/>, or -1.</summary>
    public static int LabelEnd(string text, int start)
    {
        for (var p = start + 1; p < text.Length && p - start - 1 <= MaxLabel; p++)
        {
            var c = text[p];
            if (c == '\\' && p + 1 < text.Length && IsAsciiPunctuation(text[p + 1]))
            {
                p++;
            }
            else if (c == '[')
            {
                return -1;
            }
            else if (c == ']')
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>A label as definitions and references are matched: white space collapsed, case folded; "" if blank.</summary>
    public static string NormalizeLabel(ReadOnlySpan<char> label)
    {
        var normal = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            if (c is ' ' or '\t' or '\n')
            {
                if (normal.Length > 0 && normal[^1] != ' ')
                {
                    normal.Append(' ');
                }
            }
            else
            {
                normal.Append(c);
            }
        }

        // Unicode case folding, near enough: "ẞ", "ß" and "SS" are one label.
        return normal.ToString().TrimEnd().ToUpperInvariant().ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal);
    }

    /// <summary>Spaces and tabs, at most one line break, spaces and tabs.</summary>
    public static int SkipSpacesAndOneNewline(string text, int p)
    {
        while (p < text.Length && text[p] is ' ' or '\t')
        {
            p++;
        }

        if (p < text.Length && text[p] == '\n')
        {
            p++;
            while (p < text.Length && text[p] is ' ' or '\t')
            {
                p++;
            }
        }

        return p;
    }

    /// <summary>Where a link destination starting at <paramref name="p"/> ends (p itself when empty), or -1.</summary>
    public static int DestinationEnd(string text, int p)
    {
        if (p < text.Length && text[p] == '<')
        {
            for (var q = p + 1; q < text.Length; q++)
            {
                var c = text[q];
                if (c == '\\' && q + 1 < text.Length && IsAsciiPunctuation(text[q + 1]))
                {
                    q++;
                }
                else if (c == '>')
                {
                    return q + 1;
                }
                else if (c is '<' or '\n')
                {
                    return -1;
                }
            }

            return -1;
        }

        var depth = 0;
        var end = p;
        for (; end < text.Length; end++)
        {
            var c = text[end];
            if (c == '\\' && end + 1 < text.Length && IsAsciiPunctuation(text[end + 1]))
            {
                end++;
            }
            else if (c == '(')
            {
                if (++depth > MaxDestinationParentheses)
                {
                    return -1;
                }
            }
            else if (c == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c <= ' ')
            {
                break;
            }
        }

        return depth == 0 ? Math.Min(end, text.Length) : -1;
    }

    /// <summary>Where a link title opened by the quote or parenthesis at <paramref name="p"/> ends, or -1.</summary>
    public static int TitleEnd(string text, int p)
    {
        var open = text[p];
        var close = open == '(' ? ')' : open;
        for (var q = p + 1; q < text.Length; q++)
        {
            var c = text[q];
            if (c == '\\' && q + 1 < text.Length && IsAsciiPunctuation(text[q + 1]))
            {
                q++;
            }
            else if (c == close)
            {
                return q + 1;
            }
            else if (open == '(' && c == '(')
            {
                return -1;
            }
        }

        return -1;
    }

    private void Reset(string text)
    {
        s = text;
        nodes.Clear();
        brackets.Clear();
        pending.Clear();
        backtickRuns = null;
        bracketsBefore = null;
        top = null;
        linkBarrier = 0;
        commentEnd = instructionEnd = cdataEnd = declarationEnd = (-1, -1);
    }

    private int Literal(int i)
    {
        pending.Append(s[i]);
        return i + 1;
    }

    private int LineBreak(int i)
    {
        while (pending.Length > 0 && pending[^1] is ' ' or '\t')
        {
            pending.Length--;
        }

        pending.Append('\n');
        while (i < s.Length && s[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private int Backslash(int i)
    {
        if (i + 1 < s.Length && IsAsciiPunctuation(s[i + 1]))
        {
            pending.Append(s[i + 1]);
            return i + 2;
        }

        if (i + 1 < s.Length && s[i + 1] == '\n')
        {
            // A hard line break.
            return LineBreak(i + 2);
        }

        pending.Append('\\');
        return i + 1;
    }

    private int CodeSpan(int i)
    {
        var length = RunLength(i, '`');
        var close = ClosingBackticks(i + length, length);
        if (close < 0)
        {
            pending.Append('`', length);
            return i + length;
        }

        var code = s.Substring(i + length, close - i - length).Replace('\n', ' ');
        if (code.Length >= 2 && code[0] == ' ' && code[^1] == ' ' && code.AsSpan().ContainsAnyExcept(' '))
        {
            code = code[1..^1];
        }

        pending.Append(code);
        return close + length;
    }

    /// <summary>The next run of exactly <paramref name="length"/> backticks at or after <paramref name="from"/>.</summary>
    private int ClosingBackticks(int from, int length)
    {
        if (backtickRuns is null)
        {
            backtickRuns = [];
            for (var p = s.IndexOf('`'); p >= 0; p = s.IndexOf('`', p))
            {
                var run = RunLength(p, '`');
                ref var runs = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(backtickRuns, run, out var exists);
                if (!exists)
                {
                    runs = ([], 0);
                }

                runs.Starts.Add(p);
                p += run;
            }
        }

        if (!backtickRuns.TryGetValue(length, out var found))
        {
            return -1;
        }

        // Openers only move forward, so the search resumes where the last one stopped.
        var next = found.Next;
        while (next < found.Starts.Count && found.Starts[next] < from)
        {
            next++;
        }

        backtickRuns[length] = (found.Starts, next);
        return next < found.Starts.Count ? found.Starts[next] : -1;
    }

    private int DelimiterRun(int i)
    {
        var c = s[i];
        var length = RunLength(i, c);
        var before = i == 0 ? new Rune('\n') : Rune.DecodeLastFromUtf16(s.AsSpan(0, i), out var r, out _) == OperationStatus.Done ? r : Rune.ReplacementChar;
        var after = i + length >= s.Length ? new Rune('\n') : Rune.DecodeFromUtf16(s.AsSpan(i + length), out var a, out _) == OperationStatus.Done ? a : Rune.ReplacementChar;
        bool beforeSpace = IsWhiteSpace(before), afterSpace = IsWhiteSpace(after);
        bool beforePunctuation = IsPunctuation(before), afterPunctuation = IsPunctuation(after);
        var leftFlanking = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation);
        var rightFlanking = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation);
        var canOpen = c == '*' ? leftFlanking : leftFlanking && (!rightFlanking || beforePunctuation);
        var canClose = c == '*' ? rightFlanking : rightFlanking && (!leftFlanking || afterPunctuation);
        Flush();
        var node = new Node(new string(c, length), c);
        nodes.Add(node);
        if (canOpen || canClose)
        {
            var delimiter = new Delimiter(node, canOpen, canClose) { Previous = top };
            if (top is not null)
            {
                top.Next = delimiter;
            }

            top = delimiter;
        }

        return i + length;
    }

    private int OpenBracket(int i, bool image)
    {
        Flush();
        var node = new Node(image ? "![" : "[");
        nodes.Add(node);
        var textStart = i + node.Text.Length;
        brackets.Add(new Bracket(node, image, textStart, top));
        return textStart;
    }

    private int CloseBracket(int i)
    {
        if (brackets.Count == 0)
        {
            return Literal(i);
        }

        var opener = brackets[^1];
        if (!opener.Image && brackets.Count - 1 < linkBarrier)
        {
            // A link cannot contain a link: openers before a matched link are inactive.
            PopBracket();
            return Literal(i);
        }

        var end = -1;
        if (i + 1 < s.Length && s[i + 1] == '(')
        {
            end = InlineLinkEnd(i + 2);
        }

        if (end < 0 && labels.Count > 0)
        {
            end = ReferenceEnd(opener, i);
        }

        if (end < 0)
        {
            PopBracket();
            return Literal(i);
        }

        Flush();
        opener.Node.Text = "";
        ProcessEmphasis(opener.DelimitersBefore);
        PopBracket();
        if (!opener.Image)
        {
            linkBarrier = brackets.Count;
        }

        return end;
    }

    private void PopBracket()
    {
        brackets.RemoveAt(brackets.Count - 1);
        linkBarrier = Math.Min(linkBarrier, brackets.Count);
    }

    /// <summary>After "](": where <c>destination "title")</c> ends, or -1.</summary>
    private int InlineLinkEnd(int p)
    {
        p = SkipSpacesAndOneNewline(s, p);
        var destination = DestinationEnd(s, p);
        if (destination < 0)
        {
            return -1;
        }

        var q = SkipSpacesAndOneNewline(s, destination);
        if (q > destination && q < s.Length && s[q] is '"' or '\'' or '(')
        {
            var title = TitleEnd(s, q);
            if (title < 0)
            {
                return -1;
            }

            q = SkipSpacesAndOneNewline(s, title);
        }

        return q < s.Length && s[q] == ')' ? q + 1 : -1;
    }

    /// <summary>A full (<c>[text][label]</c>), collapsed (<c>[label][]</c>) or shortcut (<c>[label]</c>) reference.</summary>
    private int ReferenceEnd(Bracket opener, int close)
    {
        var after = close + 1;
        if (after < s.Length && s[after] == '[')
        {
            var labelEnd = LabelEnd(s, after);
            if (labelEnd > 0)
            {
                var label = labelEnd == after + 1 ? OpenerLabel(opener, close) : NormalizeLabel(s.AsSpan(after + 1, labelEnd - after - 1));
                return label is not null && labels.Contains(label) ? labelEnd + 1 : -1;
            }
        }

        var shortcut = OpenerLabel(opener, close);
        return shortcut is not null && labels.Contains(shortcut) ? after : -1;
    }

    /// <summary>The link text as a label, or null when it cannot be one (too long, or with brackets inside).</summary>
    private string? OpenerLabel(Bracket opener, int close)
    {
        if (close - opener.TextStart > MaxLabel)
        {
            return null;
        }

        if (bracketsBefore is null)
        {
            // How many unescaped brackets precede each position, so that "no bracket inside" costs nothing.
            bracketsBefore = new int[s.Length + 1];
            for (var p = 0; p < s.Length; p++)
            {
                var escaped = s[p] == '\\' && p + 1 < s.Length && IsAsciiPunctuation(s[p + 1]);
                bracketsBefore[p + 1] = bracketsBefore[p] + (s[p] is '[' or ']' ? 1 : 0);
                if (escaped)
                {
                    bracketsBefore[p + 2] = bracketsBefore[p + 1];
                    p++;
                }
            }
        }

        if (bracketsBefore[close] != bracketsBefore[opener.TextStart])
        {
            return null;
        }

        var label = NormalizeLabel(s.AsSpan(opener.TextStart, close - opener.TextStart));
        return label.Length == 0 ? null : label;
    }

    /// <summary>An autolink, raw HTML (dropped), or a literal '&lt;'.</summary>
    private int AngleBracket(int i)
    {
        var rest = s.AsSpan(i);
        if (AutolinkLength(rest) is var autolink and > 0)
        {
            pending.Append(rest[1..(autolink - 1)]);
            return i + autolink;
        }

        var end = rest switch
        {
            _ when rest.StartsWith("<!-->") => i + 5,
            _ when rest.StartsWith("<!--->") => i + 6,
            _ when rest.StartsWith("<!--") => After(ref commentEnd, "-->", i + 4),
            _ when rest.StartsWith("<?") => After(ref instructionEnd, "?>", i + 2),
            _ when rest.StartsWith("<![CDATA[") => After(ref cdataEnd, "]]>", i + 9),
            _ when rest.Length > 2 && rest[1] == '!' && char.IsAsciiLetter(rest[2]) => After(ref declarationEnd, ">", i + 2),
            _ => HtmlTagLength(rest) is var tag and > 0 ? i + tag : -1,
        };
        return end > 0 ? end : Literal(i);
    }

    /// <summary>
    /// The index after the next <paramref name="terminator"/> from <paramref name="from"/>, or -1; the last
    /// search is remembered, so a thousand unclosed "&lt;!--" cost one search, not a thousand.
    /// </summary>
    private int After(ref (int From, int Found) memo, string terminator, int from)
    {
        if (memo.From >= 0 && from >= memo.From && (memo.Found < 0 || memo.Found >= from))
        {
            return memo.Found < 0 ? -1 : memo.Found + terminator.Length;
        }

        memo = (from, s.IndexOf(terminator, from, StringComparison.Ordinal));
        return memo.Found < 0 ? -1 : memo.Found + terminator.Length;
    }

    /// <summary>The length of <c>&lt;scheme:address&gt;</c> or <c>&lt;user@example.org&gt;</c> at the start, or 0.</summary>
    private static int AutolinkLength(ReadOnlySpan<char> text)
    {
        var p = 1;
        if (p < text.Length && char.IsAsciiLetter(text[p]))
        {
            var scheme = p;
            while (p < text.Length && p - scheme < 33 && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '+' or '.' or '-'))
            {
                p++;
            }

            if (p - scheme >= 2 && p < text.Length && text[p] == ':')
            {
                for (p++; p < text.Length; p++)
                {
                    if (text[p] == '>')
                    {
                        return p + 1;
                    }

                    if (text[p] is <= ' ' or '<')
                    {
                        break;
                    }
                }
            }
        }

        p = 1;
        while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || ".!#$%&'*+/=?^_`{|}~-".Contains(text[p], StringComparison.Ordinal)))
        {
            p++;
        }

        if (p == 1 || p >= text.Length || text[p] != '@')
        {
            return 0;
        }

        var domain = ++p;
        while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] is '-' or '.'))
        {
            p++;
        }

        return p > domain && p < text.Length && text[p] == '>' && text[domain] != '.' && text[p - 1] is not ('.' or '-') ? p + 1 : 0;
    }

    private int Entity(int i)
    {
        var p = i + 1;
        string? decoded = null;
        if (p < s.Length && s[p] == '#')
        {
            var hex = p + 1 < s.Length && s[p + 1] is 'x' or 'X';
            var digits = hex ? p + 2 : p + 1;
            var q = digits;
            while (q < s.Length && q - digits < (hex ? 6 : 7) && (hex ? char.IsAsciiHexDigit(s[q]) : char.IsAsciiDigit(s[q])))
            {
                q++;
            }

            if (q > digits && q < s.Length && s[q] == ';')
            {
                var value = int.Parse(s.AsSpan(digits, q - digits), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
                decoded = EntityHelper.DecodeEntity(value);
                p = q + 1;
            }
        }
        else
        {
            var q = p;
            while (q < s.Length && q - p < 32 && char.IsAsciiLetterOrDigit(s[q]))
            {
                q++;
            }

            if (q > p && q < s.Length && s[q] == ';' && char.IsAsciiLetter(s[p]))
            {
                decoded = EntityHelper.DecodeEntity(s.AsSpan(p, q - p));
                p = q + 1;
            }
        }

        if (decoded is null)
        {
            return Literal(i);
        }

        pending.Append(decoded);
        return p;
    }

    private void Flush()
    {
        if (pending.Length > 0)
        {
            nodes.Add(new Node(pending.ToString()));
            pending.Clear();
        }
    }

    /// <summary>
    /// CommonMark's "process emphasis": pairs closers with the nearest matching opener above
    /// <paramref name="stackBottom"/>, consuming their characters. A closer that finds no opener sets a bottom
    /// for its kind, so no later closer of that kind searches the same openers again.
    /// </summary>
    private void ProcessEmphasis(Delimiter? stackBottom)
    {
        var bottoms = new Delimiter?[2, 2, 3];
        for (var a = 0; a < 2; a++)
        {
            for (var b = 0; b < 2; b++)
            {
                for (var m = 0; m < 3; m++)
                {
                    bottoms[a, b, m] = stackBottom;
                }
            }
        }

        if (top == stackBottom)
        {
            return;
        }

        var closer = top;
        while (closer is not null && closer.Previous != stackBottom)
        {
            closer = closer.Previous;
        }

        while (closer is not null)
        {
            if (!closer.CanClose)
            {
                closer = closer.Next;
                continue;
            }

            var kind = closer.Node.Run == '*' ? 0 : 1;
            var bottom = bottoms[kind, closer.CanOpen ? 1 : 0, closer.Original % 3];
            var opener = closer.Previous;
            var found = false;
            while (opener is not null && opener != stackBottom && opener != bottom)
            {
                if (opener.CanOpen && opener.Node.Run == closer.Node.Run)
                {
                    var odd = (closer.CanOpen || opener.CanClose) && (opener.Original + closer.Original) % 3 == 0
                        && !(opener.Original % 3 == 0 && closer.Original % 3 == 0);
                    if (!odd)
                    {
                        found = true;
                        break;
                    }
                }

                opener = opener.Previous;
            }

            if (found)
            {
                var use = closer.Node.Count >= 2 && opener!.Node.Count >= 2 ? 2 : 1;
                opener!.Node.Count -= use;
                closer.Node.Count -= use;
                opener.Next = closer;
                closer.Previous = opener;
                if (opener.Node.Count == 0)
                {
                    Remove(opener);
                }

                if (closer.Node.Count == 0)
                {
                    var next = closer.Next;
                    Remove(closer);
                    closer = next;
                }
            }
            else
            {
                bottoms[kind, closer.CanOpen ? 1 : 0, closer.Original % 3] = closer.Previous;
                var next = closer.Next;
                if (!closer.CanOpen)
                {
                    Remove(closer);
                }

                closer = next;
            }
        }

        while (top is not null && top != stackBottom)
        {
            Remove(top);
        }
    }

    private void Remove(Delimiter delimiter)
    {
        if (delimiter.Previous is not null)
        {
            delimiter.Previous.Next = delimiter.Next;
        }

        if (delimiter.Next is not null)
        {
            delimiter.Next.Previous = delimiter.Previous;
        }

        if (top == delimiter)
        {
            top = delimiter.Previous;
        }

        delimiter.Previous = delimiter.Next = null;
    }

    private int RunLength(int i, char c)
    {
        var end = i;
        while (end < s.Length && s[end] == c)
        {
            end++;
        }

        return end - i;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<char> text, int p)
    {
        while (p < text.Length && text[p] is ' ' or '\t' or '\n')
        {
            p++;
        }

        return p;
    }

    private static bool IsAsciiPunctuation(char c) => !char.IsAsciiLetterOrDigit(c) && c is > ' ' and < '\u007F';

    private static bool IsWhiteSpace(Rune rune) => rune.Value is '\t' or '\n' or '\f' or '\r' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    private static bool IsPunctuation(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
        or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
        or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
}
