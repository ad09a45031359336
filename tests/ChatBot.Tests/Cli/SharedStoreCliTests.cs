using ChatBot.Testing;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Cli;

/// <summary>
/// Two processes on one PostgreSQL store, each with its own search index: <c>index</c> writes the folder through one,
/// <c>ask</c> through the other follows the store (it never writes its own folder), before and after a source changes.
/// </summary>
public sealed class SharedStoreCliTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [PostgresFact]
    public async Task IndexThroughOneProcess_AskThroughAnother_FindsTheNewTextAndThenItsChange()
    {
        using var schema = TestPostgres.CreateSchema();
        var sources = work.File("sources");
        work.Write("sources/chaco.md", TestSources.Chaco);

        var indexed = await Run(schema, "lucene-index", "index", "--sources", sources);
        Assert.Equal(0, indexed.ExitCode);
        Assert.Contains("1 added", indexed.Output, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL database", indexed.Output, StringComparison.Ordinal);

        // The asking process has a sources folder of its own that it must not write: it follows the store.
        var asked = await Run(schema, "lucene-ask", "ask", "Who fought the Chaco War?", "--sources", work.File("elsewhere"));
        Assert.Equal(0, asked.ExitCode);
        Assert.Contains("Bolivia and Paraguay", asked.Output, StringComparison.Ordinal);
        Assert.Contains("The Chaco War", asked.Output, StringComparison.Ordinal);

        work.Write("sources/chaco.md", TestSources.Chaco.Replace("from 1932 to 1935", "for three years, from 1932 to 1935, at great cost", StringComparison.Ordinal));
        Assert.Equal(0, (await Run(schema, "lucene-index", "index", "--sources", sources)).ExitCode);

        var again = await Run(schema, "lucene-ask", "ask", "How long was the Chaco War fought?", "--sources", work.File("elsewhere"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("for three years", again.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(work.File("lucene-ask/global")), "the asking process keeps its own search index");
    }

    [PostgresFact]
    public async Task Ask_PostgresStoreThatHoldsNothingYet_SaysToRunIndexFirst()
    {
        using var schema = TestPostgres.CreateSchema();

        var result = await Run(schema, "lucene", "ask", "who led the coup", "--sources", RepositoryPaths.BundledSources);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run index first", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Ask_PostgresWithoutAConnectionString_NamesTheSetting()
    {
        var result = await ChatBotProcess.RunAsync(
            work.Path, new Dictionary<string, string> { ["Store__Provider"] = "postgres" }, null, "ask", "who led the coup", "--database", work.File("chatbot.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ConnectionStrings__Postgres", result.Error, StringComparison.Ordinal);
    }

    private Task<ProcessResult> Run(TestSchema schema, string lucene, params string[] args)
        => ChatBotProcess.RunAsync(
            work.Path,
            new Dictionary<string, string>
            {
                ["Store__Provider"] = "postgres",
                ["ConnectionStrings__Postgres"] = schema.ConnectionString,
                ["Index__LucenePath"] = work.File(lucene),
                ["Index__DatabasePath"] = work.File(lucene + ".status/chatbot.db"),
            },
            null,
            args);
}
