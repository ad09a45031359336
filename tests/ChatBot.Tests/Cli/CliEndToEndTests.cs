using System.Text.Json;
using ChatBot.Testing;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Cli;

/// <summary>The command line as a user runs it: the real executable, the bundled corpus, a fresh database.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly TempDirectory work = new();

    private string[] Corpus => ["--sources", RepositoryPaths.BundledSources, "--database", work.File("chatbot.db")];

    public void Dispose() => work.Dispose();

    private Task<ProcessResult> Run(params string[] args) => ChatBotProcess.RunAsync(work.Path, [.. args, .. Corpus]);

    [Fact]
    public async Task Ask_WhoLedTheCoup_PrintsACitedQuoteNamingBarrientos()
    {
        var result = await Run("ask", "who led the coup");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Barrientos", result.Output);
        Assert.Contains("René Barrientos · 2 sources agree", result.Output);
        Assert.Contains("1964 Bolivian coup d'état, ¶ 1", result.Output);
        Assert.Contains("United States Assistance to the Bolivian Military 1958-1964, ¶ 1", result.Output);
        Assert.Matches(@"3 of \d+ matching passages · 2 sources · \d+ ms", result.Output);
        Assert.Equal("", result.Error);
        Assert.True(File.Exists(work.File("chatbot.db")), "the index is built on first use");
    }

    [Fact]
    public async Task Ask_Json_FollowsTheContract()
    {
        var result = await Run("ask", "who led the coup", "--json", "--top", "2");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(["question", "confident", "results", "elapsedMs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("who led the coup", root.GetProperty("question").GetString());
        Assert.True(root.GetProperty("confident").GetBoolean());
        Assert.True(root.GetProperty("elapsedMs").GetDouble() >= 0);
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        var first = results[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("score").ValueKind);
        var quote = first.GetProperty("quote").GetString()!;
        Assert.Contains("Barrientos", quote);
        Assert.DoesNotContain("*", quote);
        foreach (var highlight in first.GetProperty("highlights").EnumerateArray())
        {
            var (start, end) = (highlight[0].GetInt32(), highlight[1].GetInt32());
            Assert.InRange(start, 0, end - 1);
            Assert.InRange(end, start + 1, quote.Length);
        }

        var citation = first.GetProperty("citation");
        Assert.Equal(["rank", "score", "quote", "highlights", "citation", "answer"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["sourceId", "title", "author", "url", "locator", "kind", "published", "page"], citation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("page").ValueKind);
        Assert.Equal("1964-bolivian-coup-d-etat", citation.GetProperty("sourceId").GetString());
        Assert.Equal("1964 Bolivian coup d'état", citation.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("author").ValueKind);
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("url").ValueKind);
        Assert.Equal("¶ 1", citation.GetProperty("locator").GetString());
        Assert.Equal("tertiary", citation.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("published").ValueKind);
        var span = first.GetProperty("answer");
        Assert.Equal("René Barrientos", span.GetProperty("text").GetString());
        Assert.Equal("René Barrientos", quote[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public async Task Ask_Json_BundledPdf_CitationHasItsPageAndTheLocatorNamesIt()
    {
        var sources = work.File("pdf-sources");
        Directory.CreateDirectory(sources);
        File.WriteAllBytes(Path.Combine(sources, "revolution.pdf"), TestPdf.Article());

        var result = await ChatBotProcess.RunAsync(
            work.Path, "ask", "Who overthrew Paz Estenssoro in 1964?", "--json", "--top", "1", "--sources", sources, "--database", work.File("pdf.db"));

        Assert.Equal(0, result.ExitCode);
        var citation = JsonDocument.Parse(result.Output).RootElement.GetProperty("results")[0].GetProperty("citation");
        Assert.Equal(("revolution", "p. 2 ¶ 1", 2), (citation.GetProperty("sourceId").GetString(), citation.GetProperty("locator").GetString(), citation.GetProperty("page").GetInt32()));
    }

    [Fact]
    public async Task AskBatch_JsonLines_AnswerEveryLineInOrder()
    {
        var questions = work.Write("questions.txt", "who led the coup\n\nHow do I bake sourdough bread?\nWhen did Lechin's supporters resign from the government?\n");
        var result = await Run("ask", "--batch", questions, "--json");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var answers = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["who led the coup", "How do I bake sourdough bread?", "When did Lechin's supporters resign from the government?"], answers.Select(a => a.GetProperty("question").GetString()));
        Assert.Equal([true, false, true], answers.Select(a => a.GetProperty("confident").GetBoolean()));
    }

    [Fact]
    public async Task AskBatch_FromStandardInput_Works()
    {
        var result = await ChatBotProcess.RunAsync(work.Path, null, "who led the coup\n", ["ask", "--batch", "-", "--json", .. Corpus]);
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Ask_QuestionTheCorpusDoesNotCover_SaysSo()
    {
        var result = await Run("ask", "Who won the 1986 World Cup?");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("does not", result.Output);
        Assert.Contains("cover", result.Output);
    }

    public static TheoryData<string[], string> BadInput() => new()
    {
        { ["bogus"], "bogus" },
        { ["ask", "who", "--bogus-option"], "--bogus-option" },
        { ["ask"], "empty question" },
        { ["ask", "   "], "empty question" },
        { ["ask", "who", "--top", "99"], "--top" },
        { ["ask", "--batch", "/nonexistent/questions.txt"], "/nonexistent/questions.txt" },
        { ["eval", "/nonexistent/eval.tsv"], "/nonexistent/eval.tsv" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_OneLineOnStandardErrorAndExitCode2(string[] args, string named)
    {
        var result = await Run(args);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line);
        Assert.DoesNotContain(" at ", line);
        Assert.DoesNotContain("Exception", line);
    }

    [Fact]
    public async Task Ask_NoSourcesFolderAndNoIndex_IsBadInput()
    {
        var result = await ChatBotProcess.RunAsync(work.Path, "ask", "who", "--sources", "/nonexistent/sources", "--database", work.File("new.db"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/sources", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Ask_DatabaseThatIsNotAnIndex_IsBadInput()
    {
        var bogus = work.Write("bogus.db", new string('x', 8192));
        var result = await ChatBotProcess.RunAsync(work.Path, "ask", "who", "--sources", RepositoryPaths.BundledSources, "--database", bogus);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a ChatBot index", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Index_ThenIndexAgain_BuildsOnceAndSkipsUnchangedSources()
    {
        var first = await Run("index");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 added", first.Output);
        Assert.Contains("The index holds 2 sources and 13 passages.", first.Output);
        var second = await Run("index");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 added, 0 updated, 2 unchanged, 0 removed", second.Output);
    }

    [Fact]
    public async Task Index_MalformedSource_IsNamedAndTheRestIndexed()
    {
        var sources = Directory.CreateDirectory(work.File("sources")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.BundledSources, "1964-bolivian-coup-d-etat.md"), Path.Combine(sources, "coup.md"));
        File.WriteAllBytes(Path.Combine(sources, "scan.md"), [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31]);
        var result = await ChatBotProcess.RunAsync(work.Path, "index", "--sources", sources, "--database", work.File("chatbot.db"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("1 added", result.Output);
        Assert.Contains("scan.md", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Sources_ListsEachSourceWithItsPassageCount()
    {
        var result = await Run("sources");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1964-bolivian-coup-d-etat", result.Output);
        Assert.Contains("2 sources, 13 passages", result.Output);
    }

    [Fact]
    public async Task Eval_SeedQuestionsWithTheBundledSynonyms_AllPassConfidently()
    {
        // As from the repository's root, where the bundled synonym table ("coup" → "overthrew") is found.
        var synonyms = new Dictionary<string, string> { ["Index__SynonymsPath"] = Path.Combine(RepositoryPaths.Root, "index", "synonyms.txt") };
        var result = await ChatBotProcess.RunAsync(work.Path, synonyms, null, ["eval", Path.Combine(RepositoryPaths.Root, "eval", "seed-questions.tsv"), .. Corpus]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("19 of 19 passed", result.Output);
        Assert.DoesNotContain(result.Output.Split('\n'), l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains(result.Output.Split('\n'), l => l.StartsWith("PASS  When did the coup take place?", StringComparison.Ordinal) && l.Contains("confident", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Eval_AnAnswerFlaggedNotCovered_CountsAsAFailure()
    {
        var file = work.Write("eval.tsv", "Who won the 1986 World Cup?\t3\tBolivia\n");
        var result = await Run("eval", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  Who won the 1986 World Cup?", result.Output);
        Assert.Contains("flagged not covered", result.Output);
        Assert.Contains("0 of 1 passed", result.Output);
    }

    [Fact]
    public async Task Eval_AQuestionTheCorpusFails_IsReportedWithExitCode1()
    {
        var file = work.Write("eval.tsv", "# comment\nwho led the coup\t1\tBarrientos\nHow do I bake sourdough bread?\t3\tflour\n");
        var result = await Run("eval", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PASS  who led the coup", result.Output);
        Assert.Contains("FAIL  How do I bake sourdough bread?", result.Output);
        Assert.Contains("1 of 2 passed", result.Output);
    }

    [Fact]
    public async Task Eval_MalformedLine_NamesTheLine()
    {
        var file = work.Write("eval.tsv", "who led the coup\tthree\tBarrientos\n");
        var result = await Run("eval", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("eval.tsv:1", result.Error);
    }

    [Fact]
    public async Task Run_WithoutAToken_SaysWhichSettingIsMissing()
    {
        var result = await ChatBotProcess.RunAsync(work.Path, [.. Corpus]);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Discord:Token", line);
        Assert.Contains("Discord__Token", line);
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("0-3", null, "Discord:ShardIds: naming shards needs Discord:ShardCount as well")]
    [InlineData("2-4", "4", "Discord:ShardIds: shard 4 does not exist when Discord:ShardCount is 4")]
    [InlineData("3-1", "4", "Discord:ShardIds: the range 3-1 runs backwards")]
    public async Task Run_ShardSettingsThatCannotWork_SaysWhichSettingAndExits2(string ids, string? count, string expected)
    {
        var environment = new Dictionary<string, string> { ["Discord__Token"] = "not-a-real-token", ["Discord__ShardIds"] = ids };
        if (count is not null)
        {
            environment["Discord__ShardCount"] = count;
        }

        var result = await ChatBotProcess.RunAsync(work.Path, environment, null, [.. Corpus]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token", line, StringComparison.Ordinal);
    }
}
