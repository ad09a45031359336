using System.Text.Json;
using ChatBot.Testing;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Cli;

/// <summary><c>timeline</c> as a user runs it: the real executable, the bundled corpus, a fresh database.</summary>
public sealed class TimelineEndToEndTests : IDisposable
{
    private readonly TempDirectory work = new();

    private string[] Corpus => ["--sources", RepositoryPaths.BundledSources, "--database", work.File("chatbot.db")];

    public void Dispose() => work.Dispose();

    private Task<ProcessResult> Run(params string[] args) => ChatBotProcess.RunAsync(work.Path, [.. args, .. Corpus]);

    [Fact]
    public async Task Timeline_Json_RunsFrom1942ToNovember4_1964AndFollowsTheContract()
    {
        var result = await Run("timeline", "bolivia", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(["topic", "events"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("bolivia", root.GetProperty("topic").GetString());
        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.All(events, e => Assert.Equal(["date", "normalized", "precision", "sentence", "citation", "disagreement"], e.EnumerateObject().Select(p => p.Name)));
        Assert.Equal("1942", events[0].GetProperty("normalized").GetString());
        Assert.Equal("year", events[0].GetProperty("precision").GetString());
        var last = events[^1];
        Assert.Equal("November 4, 1964", last.GetProperty("date").GetString());
        Assert.Equal("1964-11-04", last.GetProperty("normalized").GetString());
        Assert.Equal("day", last.GetProperty("precision").GetString());
        Assert.StartsWith("On November 4, 1964, a military junta", last.GetProperty("sentence").GetString(), StringComparison.Ordinal);
        Assert.Equal("United States Assistance to the Bolivian Military 1958-1964", last.GetProperty("citation").GetProperty("title").GetString());
        Assert.Contains(events, e => e.GetProperty("normalized").GetString() == "1962-01/1962-04" && e.GetProperty("precision").GetString() == "season");
    }

    [Fact]
    public async Task Timeline_Terminal_ShowsDatesAsWrittenWithTheNormalisedDateSentencesAndCitations()
    {
        var result = await Run("timeline", "bolivia");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Timeline: bolivia", result.Output, StringComparison.Ordinal);
        Assert.Contains("November 4, 1964 (1964-11-04, day)", result.Output);
        Assert.Contains("early 1962 (1962-01/1962-04, season)", result.Output);
        Assert.Contains("1942 (year)", result.Output);
        Assert.Contains("— 1964 Bolivian coup d'état, ¶ 3", result.Output);
        Assert.Contains("events from", result.Output);
    }

    [Theory]
    [InlineData("  ", "empty topic")]
    [InlineData("?!", "no words")]
    public async Task Timeline_NoWords_OneLineOnStandardErrorAndExitCode2(string topic, string named)
    {
        var result = await Run("timeline", topic);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("", result.Output);
    }
}
