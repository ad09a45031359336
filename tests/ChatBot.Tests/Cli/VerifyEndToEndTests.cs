using System.Text.Json;
using ChatBot.Testing;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Cli;

/// <summary><c>verify</c> as a user runs it: the real executable, the bundled corpus, a fresh database.</summary>
public sealed class VerifyEndToEndTests : IDisposable
{
    private readonly TempDirectory work = new();

    private string[] Corpus => ["--sources", RepositoryPaths.BundledSources, "--database", work.File("chatbot.db")];

    public void Dispose() => work.Dispose();

    private Task<ProcessResult> Run(params string[] args) => ChatBotProcess.RunAsync(work.Path, [.. args, .. Corpus]);

    [Fact]
    public async Task Verify_Json_AChangedWordIsCloseAndFollowsTheContract()
    {
        const string Quote = "“A military junta led by General Rene Barrientos toppled Bolivian President Victor Paz Estenssoro”";
        var result = await Run("verify", Quote, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(["quote", "verdict", "matches"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Quote, root.GetProperty("quote").GetString());
        Assert.Equal("close", root.GetProperty("verdict").GetString());
        var match = Assert.Single(root.GetProperty("matches").EnumerateArray());
        Assert.Equal(["citation", "original", "differences"], match.EnumerateObject().Select(p => p.Name));
        var citation = match.GetProperty("citation");
        Assert.Equal(["sourceId", "title", "author", "url", "locator", "kind", "published", "page"], citation.EnumerateObject().Select(p => p.Name));
        Assert.Equal("secondary", citation.GetProperty("kind").GetString());
        Assert.Equal("1998", citation.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("page").ValueKind);
        Assert.Equal("United States Assistance to the Bolivian Military 1958-1964", citation.GetProperty("title").GetString());
        Assert.Equal("¶ 1 (1/2)", citation.GetProperty("locator").GetString());
        Assert.Equal("a military junta led by General Rene Barrientos overthrew Bolivian President Victor Paz Estenssoro", match.GetProperty("original").GetString());
        var difference = Assert.Single(match.GetProperty("differences").EnumerateArray());
        Assert.Equal(["kind", "text", "original"], difference.EnumerateObject().Select(p => p.Name));
        Assert.Equal("changed", difference.GetProperty("kind").GetString());
        Assert.Equal("toppled", difference.GetProperty("text").GetString());
        Assert.Equal("overthrew", difference.GetProperty("original").GetString());
    }

    [Fact]
    public async Task Verify_Verbatim_SaysSoWithTheCitation()
    {
        var result = await Run("verify", "the coup surprised many foreign observers");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Verbatim", result.Output);
        // The terminal wraps at 80 columns, so the label may stand on the next line.
        Assert.Contains("United States Assistance to the Bolivian Military 1958-1964, ¶ 1 (1/2)", result.Output);
        Assert.Contains("(secondary · 1998)", result.Output);
    }

    [Theory]
    [InlineData("  ", "empty quote")]
    [InlineData("“…” !", "no words")]
    public async Task Verify_NoWords_OneLineOnStandardErrorAndExitCode2(string quote, string named)
    {
        var result = await Run("verify", quote);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("", result.Output);
    }
}
