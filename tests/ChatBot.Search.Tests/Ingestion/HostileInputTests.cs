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
        // The sniffer's old pattern ^\s*(<!--.*?-->\s*)*<html took 13 s on 28 of these.
        ["empty comments, then text"] = () => Utf8("bomb.txt", Repeat("<!---->", 5_000) + " The text after the comments is kept.", keeps: "The text after the comments is kept."),
        ["empty comments, then a page"] = () => Utf8("bomb.txt", Repeat("<!---->", 500) + "<html><body><p>The page after the comments is kept.</p></body></html>", keeps: "The page after the comments is kept."),
        ["unclosed comment at the top"] = () => Utf8("bomb.txt", "<!--" + Repeat("<!-- ", 100_000) + " and some text."),
        ["a picker label a megabyte wide"] = () => Utf8("picker.md", "Search" + new string(' ', 1_000_000) + "by\u2026 Author\n\n" + Prose, keeps: Prose),
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
        });
    }

    private static Hostile Utf8(string fileName, string text, string? keeps = null, string? refusedWith = null)
        => new(fileName, Encoding.UTF8.GetBytes(text), keeps, refusedWith);

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
