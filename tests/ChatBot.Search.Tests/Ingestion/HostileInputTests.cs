using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Search.Ingestion;

namespace ChatBot.Search.Tests.Ingestion;

/// <summary>
/// Anyone can create a Discord server and upload a file, so every source is hostile. These files, built here
/// rather than committed, are made to make the reader backtrack, nest, overflow or misread; each is read into
/// passages or refused with one line, and nothing else is ever thrown.
/// </summary>
/// <remarks>
/// Each read runs on a task that must end within <see cref="HangDetector"/>: generous, because the machine is
/// shared, so that it catches exponential and quadratic work (minutes) without ever measuring speed.
/// </remarks>
public sealed class HostileInputTests
{
    private static readonly TimeSpan HangDetector = TimeSpan.FromSeconds(30);

    /// <summary>A hostile file and what must come of it: its text kept, or a refusal that says why.</summary>
    private sealed record Hostile(string FileName, byte[] Content, string? Keeps = null, string? RefusedWith = null);

    private static readonly Dictionary<string, Func<Hostile>> Corpus = new(StringComparer.Ordinal)
    {
        // Regular expressions. The sniffer's old pattern ^\s*(<!--.*?-->\s*)*<html took 13 s on 28 of these.
        ["empty comments, then text"] = () => Utf8("bomb.txt", Repeat("<!---->", 5_000) + " The text after the comments is kept.", keeps: "The text after the comments is kept."),
        ["empty comments, then a page"] = () => Utf8("bomb.txt", Repeat("<!---->", 500) + "<html><body><p>The page after the comments is kept.</p></body></html>", keeps: "The page after the comments is kept."),
        ["unclosed comment at the top"] = () => Utf8("bomb.txt", "<!--" + Repeat("<!-- ", 100_000) + " and some text."),
        ["a picker label a megabyte wide"] = () => Utf8("picker.md", "Search" + new string(' ', 1_000_000) + "by\u2026 Author\n\n" + Prose, keeps: Prose),

        // HTML nesting: the tree builder's work grows with the depth, and AngleSharp's with the formatting it reopens.
        ["50,000 nested divs"] = () => Utf8("divs.html", Repeat("<div>", 50_000) + "The deepest text of the page is kept.", keeps: "The deepest text of the page is kept."),
        ["50,000 nested divs around a phrase"] = () => Utf8("phrase.html", Repeat("<div>", 50_000) + "Hello world from the bottom", keeps: "Hello world from the bottom"),
        ["50,000 nested divs, closed"] = () => Utf8("divs.html", "<html><body>" + Repeat("<div>", 50_000) + "The deepest text is kept." + Repeat("</div>", 50_000) + "<p>The text after them is kept.</p>", keeps: "The text after them is kept."),
        ["nested divs with a paragraph at every level"] = () => Utf8("levels.html", string.Concat(Enumerable.Range(1, 5_000).Select(i => $"<div>Paragraph {i} of the nested page.")), keeps: "Paragraph 4999 of the nested page.\nParagraph 5000 of the nested page."),
        ["20,000 bold tags with distinct attributes"] = () => Utf8("bold.html", string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<b x={i}>")) + "<p>The bold text is kept.", keeps: "The bold text is kept."),
        ["paragraphs that each leave a bold tag open"] = () => Utf8("open.html", string.Concat(Enumerable.Range(0, 10_000).Select(i => $"<p><b x={i}>Sentence {i} is kept.</p>")), keeps: "Sentence 9999 is kept."),
        ["misnested bold and divs"] = () => Utf8("misnest.html", Repeat("<b><div>", 20_000) + "The misnested text is kept.", keeps: "The misnested text is kept."),
        ["misnested links and paragraphs"] = () => Utf8("links.html", Repeat("<a href=x><p>", 20_000) + "The linked text is kept.", keeps: "The linked text is kept."),
        ["nested tables"] = () => Utf8("tables.html", Repeat("<table><tr><td>", 20_000) + "The tabled text is kept.", keeps: "The tabled text is kept."),
        ["text fostered out of a table"] = () => Utf8("foster.html", "<table>" + Repeat("a<b>", 50_000) + "<p>The fostered text is kept.", keeps: "The fostered text is kept."),
        ["nested SVG"] = () => Utf8("svg.html", "<p>Before the drawing is kept.</p><svg>" + Repeat("<g>", 50_000) + Repeat("<path/>", 10_000) + "</svg><p>After the drawing is kept.</p>", keeps: "After the drawing is kept."),
        ["a title that hides tags in SVG"] = () => Utf8("title.html", "<p>Before it is kept.</p><svg><title>" + Repeat("<div>", 50_000) + "</title></svg><p>After it is kept.</p>", keeps: "After it is kept."),
        ["a quote that hides tags from a naive scanner"] = () => Utf8("quote.html", "<p =\">" + Repeat("<div>", 50_000) + "\">The text after the quote is kept.", keeps: "The text after the quote is kept."),
        ["a script that hides tags"] = () => Utf8("script.html", "<p>The text before is kept.</p><script>" + Repeat("<div>", 20_000) + "var x = '</scri' + 'pt>';</script><p>The text after is kept.</p>", keeps: "The text after is kept."),
        ["a page that AngleSharp fails on"] = () => Utf8("crash.html", "<html><body><p>The text before the broken markup is kept.</p><select><option><div><td><template></template></div></td><h2>", keeps: "The text before the broken markup is kept."),
        ["50,000 paragraphs, past the element budget"] = () => Utf8("ps.html", string.Concat(Enumerable.Range(0, 50_000).Select(i => $"<p>{i}.")), keeps: "49998.\n49999."),
        ["an unclosed comment"] = () => Utf8("comment.html", "<html><body><p>The text before the comment is kept.</p><!--" + Repeat("<p>hidden ", 100_000), keeps: "The text before the comment is kept."),
        ["a tag cut off by the end of the file"] = () => Utf8("cut.html", "<html><body><p>The text before the tag is kept.</p><div class=\"" + Repeat("x ", 100_000), keeps: "The text before the tag is kept."),
        ["a megabyte of random tag soup"] = () => Utf8("soup.html", RandomTags(seed: 4, bytes: 1_000_000)),

        // Sizes: one huge line, huge paragraphs, a huge file.
        ["a 2 MB line without spaces"] = () => Utf8("line.txt", new string('x', 2_000_000)),
        ["a 2 MB sentence without spaces"] = () => Utf8("sentence.txt", new string('x', 2_000_000) + ".", keeps: new string('x', 800)),
        ["a 2 MB sentence of emoji"] = () => Utf8("emoji.md", Repeat("\U0001F600", 1_000_000) + ".", keeps: Repeat("\U0001F600", 399)),
        ["a 1 MB paragraph of random words"] = () => Utf8("words.txt", RandomWords(seed: 1, bytes: 1_000_000, paragraphs: false), keeps: "envoy"),
        ["a 2 MB file of random words"] = () => Utf8("words.txt", RandomWords(seed: 2, bytes: 2_000_000, paragraphs: true), keeps: "treaty"),
        ["a 1 MB Markdown file of random words"] = () => Utf8("words.md", RandomWords(seed: 3, bytes: 1_000_000, paragraphs: true), keeps: "siege"),

        // Markdown nesting. Markdig refused the first three with an exception that escaped the indexer, and a
        // deep enough emphasis overflowed the stack of the code walking its tree.
        ["20,000 nested quotes"] = () => Utf8("quotes.md", Repeat("> ", 20_000) + "The quoted text is kept.", keeps: "The quoted text is kept."),
        ["20,000 nested list items"] = () => Utf8("items.md", Repeat("- ", 20_000) + "The listed text is kept.", keeps: "The listed text is kept."),
        ["20,000 nested ordered items"] = () => Utf8("ordered.md", Repeat("1. ", 20_000) + "The numbered text is kept.", keeps: "The numbered text is kept."),
        ["lines quoted 2,000 deep"] = () => Utf8("deep.md", string.Concat(Enumerable.Range(0, 100).Select(i => Repeat("> ", 2_000) + $"Line {i} of the quote.\n")), keeps: "Line 98 of the quote. Line 99 of the quote."),
        ["a staircase of 700 nested list items"] = () => Utf8("stairs.md", string.Concat(Enumerable.Range(0, 700).Select(i => new string(' ', 2 * i) + $"- Item {i} of the staircase.\n")), keeps: "Item 698 of the staircase.\nItem 699 of the staircase."),
        ["100,000 nested emphasis markers"] = () => Utf8("stars.md", new string('*', 100_000) + "The emphasised text is kept." + new string('*', 100_000), keeps: "The emphasised text is kept."),
        ["nested strong and emphasis"] = () => Utf8("strong.md", Repeat("*a **a ", 50_000) + "b" + Repeat(" a** a*", 50_000)),
        ["100,000 nested brackets"] = () => Utf8("brackets.md", new string('[', 100_000) + "The bracketed text is kept." + new string(']', 100_000), keeps: "bracketed"),
        ["100,000 unclosed links"] = () => Utf8("links.md", Repeat("[a](", 100_000)),
        ["unclosed links with destinations"] = () => Utf8("links.md", Repeat("[a](b", 100_000)),
        ["nested images"] = () => Utf8("images.md", Repeat("![", 50_000) + Repeat("](a)", 50_000)),
        ["emphasis closers without openers"] = () => Utf8("closers.md", Repeat("a_ ", 100_000)),
        ["openers and closers in multiples of 3"] = () => Utf8("threes.md", "a**b" + Repeat("c* ", 100_000)),
        ["100,000 link reference definitions"] = () => Utf8("defs.md", string.Concat(Enumerable.Range(0, 100_000).Select(i => $"[a{i}]: /u{i}\n")) + "\nThe reference [a5] is resolved.", keeps: "The reference a5 is resolved."),
        ["80,000 setext headings"] = () => Utf8("setext.md", Repeat("a\n=\n", 80_000)),
        ["backtick runs of every length"] = () => Utf8("ticks.md", string.Concat(Enumerable.Range(1, 1_500).Select(i => "e" + new string('`', i)))),
        ["100,000 unclosed HTML comments"] = () => Utf8("comments.md", "</" + Repeat("<!--", 100_000)),
        ["100,000 unclosed inline tags"] = () => Utf8("tags.md", Repeat("<a b='", 100_000)),
        ["a megabyte of random Markdown syntax"] = () => Utf8("soup.md", RandomMarkdown(seed: 5, bytes: 1_000_000)),

        // Encodings and invisible characters.
        ["a lone surrogate encoded in UTF-8"] = () => Bytes("lone.txt", [.. "The envoy "u8, 0xED, 0xA0, 0x80, .. " signed the treaty in the spring."u8], keeps: "The envoy \uFFFD signed the treaty"),
        ["a surrogate pair encoded in CESU-8"] = () => Bytes("cesu.txt", [.. "The envoy "u8, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, .. " signed the treaty in the spring."u8], keeps: "signed the treaty"),
        ["a UTF-8 sequence cut off"] = () => Bytes("cut.txt", [.. "The envoy signed the treaty "u8, 0xE2, 0x82], refusedWith: "not valid UTF-8 text (at byte 29)"),
        ["a lone surrogate in UTF-16"] = () => Utf16("lone16.txt", "The envoy \uDC00 signed \uD800the treaty in the spring.", keeps: "The envoy \uFFFD signed \uFFFDthe treaty"),
        ["an odd byte at the end of UTF-16"] = () => Bytes("odd16.txt", [.. Utf16("odd16.txt", Prose).Content, 0x41], keeps: "envoys of both kingdoms."),
        ["NUL and controls in UTF-16"] = () => Utf16("nul16.txt", "The envoy\0signed\u0007the treaty\u001B[2J in the spring.", keeps: "The envoy signed the treaty [2J in the spring."),
        ["terminal escapes and controls in UTF-8"] = () => Utf8("escapes.txt", "The envoy \u001B]0;owned\u0007signed the treaty\u0085 in the \u009Bspring.", keeps: "The envoy ]0;owned signed the treaty in the spring."),
        ["bidirectional overrides and isolates"] = () => Utf8("bidi.md", "The envoy \u202Esigned\u202C the \u2067treaty\u2069 in the \u202Dspring.\u202A\u202B", keeps: "The envoy signed the treaty in the spring."),
        ["zero-width characters inside words"] = () => Utf8("zw.md", "General Barr\u200Bientos led the co\u2060up; Persian \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 keeps its joiners.", keeps: "General Barrientos led the coup; Persian \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"),
        ["byte-order marks in the middle"] = () => Bytes("boms.md", [0xEF, 0xBB, 0xBF, .. "\uFEFF---\ntitle: Joined files\n---\n\nThe first file ends here.\uFEFF\n\n\uFEFF# Second\n\nThe sec\uFEFFond file starts here."u8], keeps: "The second file starts here."),
        ["CRLF, CR and LF mixed"] = () => Utf8("lines.txt", "The envoy signed\r\nthe treaty\rin the spring.\r\n\r\nThe second\n\rparagraph.\r", keeps: "The envoy signed the treaty in the spring."),
        ["line and paragraph separators"] = () => Utf8("seps.md", "The envoy signed\u2028the treaty\u2029in the spring.", keeps: "The envoy signed the treaty in the spring."),

    };

    private const string Prose = "The treaty was signed in the spring after long talks between the envoys of both kingdoms.";

    public static TheoryData<string> Names() => [.. Corpus.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Read_HostileFile_GivesPassagesOrAOneLineRefusal(string name)
    {
        var hostile = Corpus[name]();
        var (document, refusal) = await ReadAsync(hostile.FileName, hostile.Content);
        if (hostile.RefusedWith is not null)
        {
            Assert.Contains(hostile.RefusedWith, refusal?.Message ?? "(read)", StringComparison.OrdinalIgnoreCase);
        }

        if (hostile.Keeps is not null)
        {
            Assert.True(document is not null, refusal?.Message);
            Assert.Contains(hostile.Keeps, string.Join("\n", document.Passages.Select(p => p.Text)), StringComparison.Ordinal);
        }

        if (document is not null)
        {
            AssertWellFormed(document);
        }
    }

    [Fact]
    public async Task Read_InvisibleCharactersInMetadata_AreRemovedAndLinesJoined()
    {
        var markdown = "---\ntitle: \"\u202EThe \u200BSiege\u2066 of\u200F Example\u2069\"\nauthor: A.\u200D Histo\u00ADrian\u061C\n---\n\n" + Prose;
        var (document, _) = await ReadAsync("siege.md", Encoding.UTF8.GetBytes(markdown));
        Assert.Equal("The Siege of Example", document?.Metadata.Title);
        Assert.Equal("A. Histo\u00ADrian", document?.Metadata.Author);
    }

    [Fact]
    public async Task Read_UploaderMetadata_IsCleanedNotRefused()
    {
        var overrides = new SourceMetadata("Chronicle \uD800of the\nsiege\r\u0007 \uDFFF", Author: "\u202E\u200B", Url: "https://example.org/\u2066x");
        var (document, refusal) = await ReadAsync("chronicle.txt", Encoding.UTF8.GetBytes(Prose), overrides);
        Assert.Null(refusal);
        Assert.Equal(new SourceMetadata("Chronicle \uFFFDof the siege \uFFFD", Author: null, Url: "https://example.org/x"), document?.Metadata);
    }

    [Fact]
    public async Task Read_FileNameOfInvisibleCharacters_IsTitledUntitled()
    {
        var (document, _) = await ReadAsync("\u202E\u200B.txt", Encoding.UTF8.GetBytes(Prose));
        Assert.Equal("Untitled source", document?.Metadata.Title);
        Assert.Equal("source", document?.Slug);
    }

    [Fact]
    public void Read_OptionsWithNoRoomForText_IsAMisuseNotAFormatError()
        => Assert.Throws<ArgumentOutOfRangeException>(() => SourceReader.Read("a.txt", Encoding.UTF8.GetBytes(Prose), options: new SegmenterOptions(0)));

    [Fact]
    public void Regexes_InIngestionAndText_RunInLinearTime()
    {
        // Everything these namespaces match runs over uploaded text: a backtracking pattern is a denial of service.
        var regexes = typeof(SourceReader).Assembly.GetTypes()
            .Where(t => t.Namespace is "ChatBot.Search.Ingestion" or "ChatBot.Search.Text")
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0)
            .Select(m => (Name: $"{m.DeclaringType!.Name}.{m.Name}", Regex: (Regex)m.Invoke(null, null)!))
            .ToList();
        Assert.NotEmpty(regexes);
        Assert.All(regexes, r => Assert.True(r.Regex.Options.HasFlag(RegexOptions.NonBacktracking), $"{r.Name}: {r.Regex}"));
    }

    /// <summary>Reads on a task, so that a hang fails the test instead of stalling the run.</summary>
    private static async Task<(SourceDocument? Document, SourceFormatException? Refusal)> ReadAsync(string fileName, byte[] content, SourceMetadata? overrides = null)
    {
        var read = Task.Run(() => SourceReader.Read(fileName, content, overrides));
        try
        {
            return (await read.WaitAsync(HangDetector), null);
        }
        catch (SourceFormatException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            Assert.NotEmpty(e.Message);
            return (null, e);
        }
    }

    /// <summary>What every read document must be, whatever it was made of.</summary>
    private static void AssertWellFormed(SourceDocument document)
    {
        Assert.NotEmpty(document.Passages);
        Assert.False(string.IsNullOrWhiteSpace(document.Metadata.Title));
        Assert.All(document.Passages, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Text));
            Assert.InRange(p.Text.Length, 1, SegmenterOptions.Default.MaxPassageChars);
            Assert.Matches(@"^¶ \d+( \(\d+/\d+\))?$", p.Locator);
            AssertShowable(p.Text, metadata: false);
        });
        var m = document.Metadata;
        Assert.All(new[] { m.Title, m.Author, m.Url, m.Published, m.License }.OfType<string>(), value => AssertShowable(value, metadata: true));
    }

    /// <summary>Valid UTF-16 without controls, scoped direction changes or zero-width characters.</summary>
    private static void AssertShowable(string text, bool metadata)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var forbidden = char.IsSurrogate(c) || char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
                or '\u200B' or '\u2060' or '\uFEFF' or '\u2028' or '\u2029' || (metadata && c is (>= '\u200B' and <= '\u200F') or '\u061C');
            Assert.False(forbidden, $"U+{(int)c:X4} at {i} of \"{text[..Math.Min(text.Length, 80)]}\"");
        }
    }

    private static Hostile Utf8(string fileName, string text, string? keeps = null, string? refusedWith = null)
        => new(fileName, Encoding.UTF8.GetBytes(text), keeps, refusedWith);

    private static Hostile Bytes(string fileName, byte[] content, string? keeps = null, string? refusedWith = null)
        => new(fileName, content, keeps, refusedWith);

    /// <summary>UTF-16LE with its byte-order mark, code unit by code unit, so lone surrogates survive.</summary>
    private static Hostile Utf16(string fileName, string text, string? keeps = null)
        => new(fileName, [0xFF, 0xFE, .. text.SelectMany(c => new[] { (byte)c, (byte)(c >> 8) })], keeps);

    /// <summary>Words and punctuation from a seeded generator: the same megabytes on every run.</summary>
    private static string RandomWords(int seed, int bytes, bool paragraphs)
    {
        string[] words = ["the", "treaty", "envoy", "siege", "of", "kingdom", "spring", "walls", "fell", "and", "a", "1964", "coup", "junta", "Barrientos", "army", "was", "in", "talks"];
        var random = new Random(seed);
        var text = new StringBuilder(bytes + 32);
        while (text.Length < bytes)
        {
            text.Append(words[random.Next(words.Length)]);
            text.Append(random.Next(12) switch
            {
                0 => ". ",
                1 => ", ",
                2 when paragraphs => random.Next(4) == 0 ? ".\n\n" : "\n",
                _ => " ",
            });
        }

        return text.ToString();
    }

    /// <summary>Tags, attributes, entities and text from a seeded generator, nested and misnested at random.</summary>
    private static string RandomTags(int seed, int bytes)
    {
        string[] pieces =
        [
            "<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<i class=x>", "</i>", "<a href='#'>", "</a>", "<table>", "<tr>", "<td>",
            "</td>", "</table>", "<ul><li>", "<li>", "</ul>", "<svg>", "<g/>", "</svg>", "<math><mi>", "<select><option>", "<br/>",
            "<script>", "</script>", "<style>", "<title>", "</title>", "<!--", "-->", "<![CDATA[", "]]>", "<!doctype html>",
            "<template>", "<nav>", "</nav>", "<h2>", "</h2>", "<plaintext", "&amp;", "&#x202E;", "&#xD800;", "&#0;", "<", ">", "'", "\"",
            "=", "The siege lasted eleven months. ", "walls ", "\n",
        ];
        var random = new Random(seed);
        var text = new StringBuilder(bytes + 64);
        while (text.Length < bytes)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Markdown punctuation, markers and words from a seeded generator, at random.</summary>
    private static string RandomMarkdown(int seed, int bytes)
    {
        string[] pieces =
        [
            "*", "**", "_", "__", "[", "]", "](", "(", ")", "`", "``", "<", ">", "> ", "!", "![", "# ", "- ", "+ ", "1. ", "2) ",
            "\n", "\n\n", "    ", "\t", "&amp;", "&#xD800;", "&#x202E;", "\\", "\"", "'", "===", "---", "```", "~~~", "<!--", "-->",
            "<div>", "[x]: /u", "<http://a.b>", "a@b.c", " ", "siege ", "treaty ", "The walls fell. ",
        ];
        var random = new Random(seed);
        var text = new StringBuilder(bytes + 32);
        while (text.Length < bytes)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
