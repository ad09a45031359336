using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Durability;

/// <summary>
/// Issue 10 item 5: the real process is killed with SIGKILL (no shutdown code runs) in the middle of a bundled
/// re-index and of an upload, at the named points of <see cref="KillPoints"/>; on restart every committed source is
/// whole (its passages exactly those of its file), nothing uncommitted is there even in part, the search index
/// agrees with the store, and no ask id is handed out twice. On SQLite, and on PostgreSQL where its tests run.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Token = "test-bot-token";
    private const ulong Guild = FakeInteraction.DefaultGuildId;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly Dictionary<string, string> Before = new(StringComparer.Ordinal)
    {
        ["chaco.md"] = TestSources.Chaco,
        ["pacific.md"] = Source("The War of the Pacific", "Chile fought Bolivia and Peru from 1879 to 1884 over the nitrate coast.", "Bolivia lost its coast on the Pacific Ocean in that war."),
        ["acre.md"] = Source("The Acre War", "Bolivia and Brazil fought over the rubber lands of Acre from 1899 to 1903.", "The Treaty of Petropolis gave Acre to Brazil."),
    };

    private static readonly Dictionary<string, string> After = new(StringComparer.Ordinal)
    {
        ["chaco.md"] = TestSources.Chaco,
        ["pacific.md"] = Source("The War of the Pacific", "Chile fought Bolivia and Peru from 1879 to 1884 over the guano and nitrate coast.", "Bolivia lost the province of Litoral, its coast on the Pacific Ocean.", "A truce was signed at Valparaiso in 1884."),
        ["tin.md"] = Source("The Tin Barons", "Simon Patino, Mauricio Hochschild and Carlos Aramayo owned the great tin mines.", "Their companies were nationalised in 1952."),
        ["federal.md"] = Source("The Federal War", "La Paz and Sucre fought the Federal War of 1898 and 1899 over the seat of government."),
    };

    private readonly TempDirectory work = new();
    private readonly List<IDisposable> schemas = [];

    public void Dispose()
    {
        foreach (var schema in schemas)
        {
            schema.Dispose();
        }

        work.Dispose();
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Index_KilledAtEachPointOfABundledReindex_RestartsWithTheOldCorpusOrTheNewOneWholeAndTheSearchIndexAgrees(StoreKind kind)
    {
        // Before the store commits (after the second of three sources is written), after it, and after the search index's commit too.
        (string Point, bool Committed)[] points =
            [($"{KillPoints.IndexSourceWritten}#2", false), (KillPoints.IndexStoreCommitted, true), (KillPoints.IndexCommitted, true)];
        foreach (var (point, committed) in points)
        {
            var place = NewPlace(kind, point.Replace(':', '-').Replace('#', '-'));
            WriteFolder(place.Sources, Before);
            Assert.Equal(0, (await ChatBotProcess.RunAsync(work.Path, place.Environment, null, "index", "--sources", place.Sources)).ExitCode);
            WriteFolder(place.Sources, After);

            await using (var indexing = ChatBotProcess.Start(work.Path, With(place.Environment, KillPoints.Variable, point), "index", "--sources", place.Sources))
            {
                await indexing.WaitForLineAsync($"kill point {point.Split('#')[0]} reached", Patience);
                await indexing.KillAsync();
            }

            // The restart follows the store (it does not write the folder): what it answers is what survived the crash.
            var tin = await AskAsync(place, "Who owned the tin mines, Patino or Hochschild?");
            var acre = await AskAsync(place, "Who fought over the rubber lands of Acre?");
            var expected = committed ? After : Before;
            Assert.Equal(Expected(expected), Snapshot(place, 0));
            Assert.Equal(committed, Titles(tin).Contains("The Tin Barons"));
            Assert.Equal(!committed, Titles(acre).Contains("The Acre War"));

            // And the re-index the crash interrupted, run again, completes it.
            var again = await ChatBotProcess.RunAsync(work.Path, place.Environment, null, "index", "--sources", place.Sources);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains(committed ? "0 added, 0 updated" : "2 added, 1 updated", again.Output, StringComparison.Ordinal);
            Assert.Equal(Expected(After), Snapshot(place, 0));
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Bot_KilledDuringAnUpload_RestartsWithEveryCommittedUploadWholeNoHalfOneAndNoAskIdAgain(StoreKind kind)
    {
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });
        (string Point, bool Committed)[] points = [(KillPoints.UploadSourceWritten, false), (KillPoints.UploadStoreCommitted, true)];
        foreach (var (point, committed) in points)
        {
            var place = NewPlace(kind, point.Replace(':', '-'));
            WriteFolder(place.Sources, new() { ["chaco.md"] = TestSources.Chaco });
            var environment = With(BotEnvironment(place, discord), KillPoints.Variable, point + "#2");
            var askIds = new List<long>();

            await using (var bot = ChatBotProcess.Start(work.Path, environment))
            {
                var connection = await discord.Gateway.NextReadyConnectionAsync(Patience);
                Assert.StartsWith("Added \"The Tin Barons\"", await UploadAsync(discord, connection, "tin.md", After["tin.md"]), StringComparison.Ordinal);
                askIds.Add(await AskIdAsync(discord, connection, "Who owned the tin mines, Patino or Hochschild?"));
                askIds.Add(await AskIdAsync(discord, connection, "Who fought the Chaco War?"));

                await discord.SendInteractionAsync(connection, UploadInteraction(discord, "federal.md", After["federal.md"]));
                await bot.WaitForLineAsync($"kill point {point} reached", Patience);
                await bot.KillAsync();
            }

            await using (var restarted = ChatBotProcess.Start(work.Path, BotEnvironment(place, discord)))
            {
                var connection = await discord.Gateway.NextReadyConnectionAsync(Patience);
                var federal = await AnswerAsync(discord, connection, "Who fought the Federal War over the seat of government?");
                var newId = await AskIdAsync(discord, connection, "Who owned the tin mines, Patino or Hochschild?");
                Assert.True(newId > askIds.Max(), $"ask id {newId} after {string.Join(", ", askIds)}");
                Assert.Equal(committed, federal.Contains("The Federal War", StringComparison.Ordinal));

                var uploads = new Dictionary<string, string>(StringComparer.Ordinal) { ["tin.md"] = After["tin.md"] };
                if (committed)
                {
                    uploads["federal.md"] = After["federal.md"];
                }

                Assert.Equal(Expected(uploads), Snapshot(place, Guild));
                restarted.Terminate();
                Assert.Equal(0, await restarted.WaitForExitAsync(Patience));
            }
        }
    }

    private static string Source(string title, params string[] paragraphs)
        => $"---\ntitle: {title}\nauthor: A. Historian\n---\n{string.Join("\n\n", paragraphs)}\n";

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, string key, string value)
        => new(environment) { [key] = value };

    private static void WriteFolder(string folder, Dictionary<string, string> files)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }
    }

    /// <summary>Every source as its file reads: id, title and passages in order.</summary>
    private static List<string> Expected(Dictionary<string, string> files)
        => [.. files.Select(f => SourceReader.Read(f.Key, System.Text.Encoding.UTF8.GetBytes(f.Value)))
            .Select(d => Describe(d.Slug, d.Metadata.Title, d.Passages.Select(p => p.Text)))
            .Order(StringComparer.Ordinal)];

    /// <summary>Every source of one scope as the store holds it, in the same form.</summary>
    private static List<string> Snapshot(Place place, ulong guildId)
    {
        var store = StoreServiceCollectionExtensions.Open(
            new StoreOptions { Provider = place.Kind == StoreKind.Postgres ? "postgres" : "sqlite", PostgresConnectionString = place.ConnectionString },
            new IndexOptions { DatabasePath = place.Database });
        try
        {
            var scope = guildId == 0 ? CorpusScope.Global : CorpusScope.ForGuild(guildId);
            return [.. store.SourcePassages.Titles(scope).Where(t => t.GuildId == guildId)
                .Select(t => Describe(t.Slug, t.Title, store.SourcePassages.First(guildId, t.Slug, 10_000).Select(p => p.Text)))
                .Order(StringComparer.Ordinal)];
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static string Describe(string slug, string title, IEnumerable<string> passages) => $"{slug} | {title} | {string.Join(" ¶ ", passages)}";

    private async Task<string> AskAsync(Place place, string question)
    {
        var result = await ChatBotProcess.RunAsync(
            work.Path, With(place.Environment, "Index__SyncOnStart", "false"), null, "ask", question, "--json", "--sources", place.Sources);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }

    private static HashSet<string> Titles(string askJson)
    {
        using var json = JsonDocument.Parse(askJson);
        return [.. json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("citation").GetProperty("title").GetString()!)];
    }

    private static FakeInteraction UploadInteraction(FakeDiscordServer discord, string name, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return FakeInteraction.Subcommand("source", "add", attachment: FakeInteraction.Attachment(name, discord.AddFile(name, bytes), bytes.Length));
    }

    private static async Task<string> UploadAsync(FakeDiscordServer discord, FakeGatewayConnection connection, string name, string text)
    {
        var sent = await discord.SendInteractionAsync(connection, UploadInteraction(discord, name, text));
        return (await discord.Rest.WaitForEditAsync(sent, timeout: Patience)).Json!["content"]!.GetValue<string>();
    }

    private static async Task<string> AnswerAsync(FakeDiscordServer discord, FakeGatewayConnection connection, string question)
    {
        var sent = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = question }));
        return (await discord.Rest.WaitForEditAsync(sent, timeout: Patience)).Json!.ToJsonString();
    }

    /// <summary>Asks, and reads the ask id the answer's feedback buttons carry (<c>fb:up:{id}</c>).</summary>
    private static async Task<long> AskIdAsync(FakeDiscordServer discord, FakeGatewayConnection connection, string question)
    {
        var sent = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = question }));
        var edit = await discord.Rest.WaitForEditAsync(sent, timeout: Patience);
        var customId = edit.Json!["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray())
            .Select(button => button!["custom_id"]?.GetValue<string>()).First(id => id is not null && id.StartsWith("fb:up:", StringComparison.Ordinal))!;
        return long.Parse(customId["fb:up:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> BotEnvironment(Place place, FakeDiscordServer discord) => new(place.Environment)
    {
        ["Discord__Token"] = Token,
        ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        ["Index__SyncOnStart"] = "true",
        ["Community__AskLimitPerMinute"] = "1000",
    };

    private Place NewPlace(StoreKind kind, string name)
    {
        var sources = work.File($"{name}/sources");
        var database = work.File($"{name}/data/chatbot.db");
        var environment = new Dictionary<string, string>
        {
            ["Index__SourcesPath"] = sources,
            ["Index__DatabasePath"] = database,
            ["Index__LucenePath"] = work.File($"{name}/data/lucene"),
        };
        string? connectionString = null;
        if (kind == StoreKind.Postgres)
        {
            var schema = TestPostgres.CreateSchema();
            schemas.Add(schema);
            connectionString = schema.ConnectionString;
            environment["Store__Provider"] = "postgres";
            environment["ConnectionStrings__Postgres"] = connectionString;
        }

        return new Place(kind, sources, database, connectionString, environment);
    }

    private sealed record Place(StoreKind Kind, string Sources, string Database, string? ConnectionString, Dictionary<string, string> Environment);
}
