using System.Text;
using ChatBot.Search.Ingestion;

namespace ChatBot.Search.Tests.Ingestion;

public sealed class SourceReaderTests
{
    private const string Prose = "The treaty was signed in the spring after long talks between the envoys of both kingdoms.";

    private static SourceDocument Read(string fileName, string content, SegmenterOptions? options = null)
        => SourceReader.Read(fileName, Encoding.UTF8.GetBytes(content), options: options);

    private static string[] Texts(SourceDocument document) => [.. document.Passages.Select(p => p.Text)];

    [Fact]
    public void Read_MarkdownWithFrontMatter_ReadsMetadataAndPlainText()
    {
        var document = Read("treaty.md", """
            ---
            title: "The Treaty of Example"
            author: A. Historian
            url: https://example.org/treaty
            published: 1901
            license: CC BY 4.0
            colour: ignored
            ---

            # The treaty

            The *treaty* was signed in [the spring](https://example.org/spring) after long `talks`.

            - First point of the treaty, which was long enough to matter here.
            - Second point.

            1964. A year-led paragraph stays whole.

            ```
            code is not prose
            ```
            """);
        Assert.Equal(new SourceMetadata("The Treaty of Example", "A. Historian", "https://example.org/treaty", "1901", "CC BY 4.0"), document.Metadata);
        Assert.Equal(
            ["The treaty was signed in the spring after long talks.", "First point of the treaty, which was long enough to matter here.", "Second point.", "1964. A year-led paragraph stays whole."],
            Texts(document));
        Assert.Equal("treaty", document.Slug);
    }

    [Fact]
    public void Read_MarkdownWithoutFrontMatter_IsTitledByItsFirstHeading()
        => Assert.Equal("Origins", Read("x.md", "# Origins\n\n" + Prose).Metadata.Title);

    [Fact]
    public void Read_TextWithoutTitle_IsTitledByItsFileName()
        => Assert.Equal("Battle of example field", Read("battle_of-example field.txt", Prose).Metadata.Title);

    [Fact]
    public void Read_OneParagraphPerLine_SplitsAtLongSentenceLines()
    {
        var line1 = "The first paragraph is a long line that goes on well past any hard-wrap width a text editor would use.";
        var line2 = "The second paragraph is also a long line, which ends a sentence and so ends a paragraph as well.";
        Assert.Equal([line1, line2], Texts(Read("a.txt", line1 + "\n" + line2 + "\n")));
    }

    [Fact]
    public void Read_HardWrappedText_JoinsItsLines()
        => Assert.Equal(["The treaty was signed in the spring after long talks between the envoys."], Texts(Read("a.txt", "The treaty was signed in the spring\nafter long talks between\nthe envoys.\n")));

    [Fact]
    public void Read_HtmlPage_KeepsTheMainTextAndReadsItsMetadata()
    {
        var document = Read("page.html", """
            <!DOCTYPE html>
            <html><head>
              <title>Ignored when og:title exists</title>
              <meta property="og:title" content="The Siege">
              <meta name="author" content="B. Chronicler">
              <link rel="canonical" href="https://example.org/siege">
              <meta property="article:published_time" content="2020-05-01">
              <script>var tracking = "The siege script";</script>
            </head><body>
              <nav><a href="/">Home</a> <a href="/about">About</a></nav>
              <header>Site banner text</header>
              <div class="cookie-banner">We use cookies to improve this site. Accept?</div>
              <main>
                <h1>The Siege</h1>
                <p>The city held out for &amp; eleven months before the walls fell.</p>
                <div>A paragraph in a div, with <b>bold</b> and <a href="#">a link</a>.</div>
                <ul><li>A list item with words.</li></ul>
              </main>
              <aside>Related articles</aside>
              <footer>Copyright 2020. All rights reserved.</footer>
            </body></html>
            """);
        Assert.Equal(new SourceMetadata("The Siege", "B. Chronicler", "https://example.org/siege", "2020-05-01", null), document.Metadata);
        Assert.Equal(["The city held out for & eleven months before the walls fell.", "A paragraph in a div, with bold and a link.", "A list item with words."], Texts(document));
    }

    [Fact]
    public void Read_HtmlNamedTxt_IsReadAsHtml()
    {
        Assert.Equal(SourceFormat.Html, SourceReader.DetectFormat("page.txt", "<html><body><p>Hi there.</p></body></html>"u8));
        Assert.Equal(["Hi there, this paragraph is here."], Texts(Read("page.txt", "<html><body><p>Hi there, this paragraph is here.</p></body></html>")));
    }

    public static TheoryData<string, string> ChromeLines() => new()
    {
        { "repeated label", "Daily Gazette Archive\n\n" + Prose + "\n\nDaily Gazette Archive" },
        { "title echo", "---\ntitle: The Long Siege\n---\n\nThe Long Siege\n\n" + Prose },
        { "leading kicker", "Feature story\n\n" + Prose },
        { "search widget", Prose + "\n\nSearch by... Date" },
        { "filter widget", Prose + "\n\nShow... All Results Books Journals" },
        { "navigation", "Home Sign in Subscribe Menu\n\n" + Prose },
        { "error banner", Prose + "\n\nSomething went wrong. Please reload the page and try again." },
        { "javascript notice", "Please enable JavaScript to view this page.\n\n" + Prose },
        { "cookie notice", Prose + "\n\nWe use cookies to give you the best experience." },
        { "accented notice", Prose + "\n\nWe use cookíes to give you the best expérience." },
        { "fullwidth notice", Prose + "\n\n\uFF37\uFF45 use cookies to give you the best experience, \u00E9t\u00E9 comme hiver." },
        { "notice in another script", "\u0421\u0442\u0430\u0442\u044C\u044F. Page not found.\n\n" + Prose },
    };

    [Fact]
    public void NoticeAnchors_EveryNoticePhraseHoldsOne()
    {
        foreach (var phrase in ChromeFilter.NoticePhrases)
        {
            Assert.Contains(ChromeFilter.NoticeAnchors, anchor => phrase.Contains(anchor, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ChromeLines))]
    public void Read_PageChrome_IsDropped(string kind, string content)
    {
        Assert.Equal([Prose], Texts(Read(kind.Replace(' ', '-') + ".md", content)));
    }

    [Theory]
    [InlineData("The rebels decided to try again in 1965.")]
    [InlineData("The essay has two sections. \u2026")]
    [InlineData("Short, but a sentence.")]
    [InlineData("Search parties found the wreck in May.")]
    public void Read_ShortRealSentences_AreKept(string sentence)
        => Assert.Contains(sentence, Texts(Read("a.md", Prose + "\n\n" + sentence)));

    [Theory]
    [InlineData("short.txt", "Hello world from the bottom")]
    [InlineData("short.html", "<html><body><div>Notes on the siege</div><div>Second note</div></body></html>")]
    public void Read_OnlyShortLines_AreTheTextNotLabels(string fileName, string content)
        => Assert.NotEmpty(Texts(Read(fileName, content)));

    [Fact]
    public void Read_LongParagraph_IsCutAtSentencesIntoNumberedPieces()
    {
        var sentences = Enumerable.Range(1, 30).Select(i => $"Sentence number {i} tells part of a long story about the war.").ToList();
        var document = Read("long.md", string.Join(' ', sentences), new SegmenterOptions(MaxPassageChars: 500));
        Assert.True(document.Passages.Count >= 4);
        Assert.All(document.Passages, p => Assert.InRange(p.Text.Length, 1, 500));
        Assert.All(document.Passages, p => Assert.EndsWith("war.", p.Text));
        Assert.Equal(Enumerable.Range(1, document.Passages.Count).Select(i => $"¶ 1 ({i}/{document.Passages.Count})"), document.Passages.Select(p => p.Locator));
        Assert.Equal(string.Join(' ', sentences), string.Join(' ', document.Passages.Select(p => p.Text)));
    }

    [Fact]
    public void Read_SentenceLongerThanTheMaximum_IsCutAtAWordBoundary()
    {
        var sentence = string.Join(' ', Enumerable.Repeat("word", 400)) + ".";
        var document = Read("long.md", sentence, new SegmenterOptions(MaxPassageChars: 300));
        Assert.All(document.Passages, p => Assert.InRange(p.Text.Length, 1, 300));
        Assert.All(document.Passages, p => Assert.DoesNotContain("  ", p.Text));
    }

    [Fact]
    public void Read_SameBytes_GiveTheSamePassages()
    {
        var a = Read("same.md", Prose + "\n\n" + Prose.Replace("spring", "autumn", StringComparison.Ordinal));
        var b = Read("same.md", Prose + "\n\n" + Prose.Replace("spring", "autumn", StringComparison.Ordinal));
        Assert.Equal(a.Passages, b.Passages);
    }

    [Theory]
    [InlineData("Ünïcode Fïle Name.md", "unicode-file-name")]
    [InlineData("1964 -- coup!!.txt", "1964-coup")]
    [InlineData("???.md", "source")]
    public void SlugFor_FileName_IsLowercaseAsciiWords(string fileName, string slug) => Assert.Equal(slug, SourceReader.SlugFor(fileName));

    public static TheoryData<string, byte[], string> Malformed() => new()
    {
        { "empty.md", [], "empty" },
        { "image.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG" },
        { "doc.txt", "%PDF-1.7\n..."u8.ToArray(), "PDF" },
        { "nul.txt", [0x41, 0x00, 0x42, 0x43], "binary" },
        { "latin1.txt", [0x43, 0x61, 0x6E, 0x64, 0xED, 0x61], "UTF-8" },
        { "open.md", "---\ntitle: never closed\n\nText."u8.ToArray(), "never closed" },
        { "bad-field.md", "---\nnot a field\n---\nText."u8.ToArray(), "key: value" },
        { "chrome.md", "Home Sign in Menu\n\nSearch by... Author"u8.ToArray(), "no text" },
        { "markup.html", "<html><body><script>x()</script><nav>Home</nav></body></html>"u8.ToArray(), "no text" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_Malformed_IsRefusedWithAClearMessage(string fileName, byte[] content, string expected)
    {
        var error = Assert.Throws<SourceFormatException>(() => SourceReader.Read(fileName, content));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Read_Utf16WithBom_IsDecoded()
        => Assert.Equal([Prose], Texts(SourceReader.Read("u16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Prose)])));

    [Fact]
    public void Read_HostileInput_NeverThrowsAnythingButAFormatError()
    {
        var inputs = new[] { new string('<', 100_000), "---\n" + new string('a', 100_000), new string('x', 2_000_000), "\u202E\u200B\uFEFF text." };
        foreach (var input in inputs)
        {
            var error = Record.Exception(() => SourceReader.Read("hostile.md", Encoding.UTF8.GetBytes(input)));
            Assert.True(error is null or SourceFormatException, error?.GetType().Name);
        }
    }
}
