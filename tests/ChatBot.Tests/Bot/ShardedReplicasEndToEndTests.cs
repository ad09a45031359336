using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Bot;

/// <summary>
/// Two replicas as <c>docker-compose.postgres.yml</c> runs them: a one-off <c>index</c>, then two real bot processes on
/// one PostgreSQL store, <c>Discord:ShardCount</c> 2 in both and <c>Discord:ShardIds</c> 0 in one and 1 in the other,
/// each with its own search index, against one fake Discord that routes every server's events to its shard.
/// </summary>
/// <remarks>
/// A server's sources are searched only in that server, and Discord sends all of a server's events to the one shard
/// it lives on, so an upload and the questions about it reach the same process for as long as the shards stay where
/// they are. The other process can only be asked about the upload once it runs that server's shard, which takes a
/// restart with other <c>Discord:ShardIds</c> (a scale-down from two replicas to one, say). What proves it kept its
/// own index in sync while it ran is that it followed the upload into its index while it served only the other shard,
/// and after the restart answers from that index without catching up on that server at all.
/// </remarks>
public sealed class ShardedReplicasEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Token = "test-bot-token";
    private static readonly TimeSpan HangDetector = TimeSpan.FromSeconds(60);
    private static readonly ulong ServerOnShard0 = GuildOn(0);
    private static readonly ulong ServerOnShard1 = GuildOn(1);
    private readonly TempDirectory work = new();
    private TestSchema? schema;
    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync()
    {
        discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions
        {
            ExpectedToken = Token,
            Guilds = [ServerOnShard0, ServerOnShard1],
            RecommendedShards = 1,
            MaxConcurrency = 2,

            // Not what this test is about (BotEndToEndTests holds the bot to Discord's 3 seconds): a replica's first
            // interaction, on a machine shared with other builds, may take longer to acknowledge.
            InteractionDeadline = HangDetector,
        });
        if (TestPostgres.SkipReason is null)
        {
            schema = TestPostgres.CreateSchema();
        }
    }

    public async Task DisposeAsync() => await discord.DisposeAsync();

    public void Dispose()
    {
        schema?.Dispose();
        work.Dispose();
    }

    [PostgresFact]
    public async Task TwoReplicasOnShards0And1_UploadThroughShard0sProcess_TheOtherFollowsItIntoItsOwnIndexAndAnswersItOnceItRunsShard0()
    {
        var indexed = await ChatBotProcess.RunAsync(work.Path, StoreSettings("index"), null, "index", "--sources", RepositoryPaths.BundledSources);
        Assert.Equal(0, indexed.ExitCode);

        // One replica at a time, so each IDENTIFY below is known to come from the process started just before it.
        await using var first = StartReplica("replica-1", "0");
        var shard0 = await discord.Gateway.WaitForShardAsync(0, HangDetector);
        await using var second = StartReplica("replica-2", "1");
        var shard1 = await discord.Gateway.WaitForShardAsync(1, HangDetector);
        Assert.Equal([(0, 2), (1, 2)], discord.Gateway.Identifies.Select(i => i.Shard!.Value));

        // Each server's events reach only the process that runs its shard.
        var file = discord.AddFile("chaco.md", Encoding.UTF8.GetBytes(TestSources.Chaco));
        var upload = await discord.SendInteractionAsync(await discord.Gateway.RouteAsync(ServerOnShard0), FakeInteraction.Subcommand(
            "source", "add", guildId: ServerOnShard0, attachment: FakeInteraction.Attachment("chaco.md", file, TestSources.Chaco.Length)));
        var added = await discord.Rest.WaitForEditAsync(upload, timeout: HangDetector);
        Assert.StartsWith("Added \"The Chaco War\": 2 passages", added.Json!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        var elsewhere = await discord.SendInteractionAsync(await discord.Gateway.RouteAsync(ServerOnShard1), FakeInteraction.SlashCommand(
            "ask", new JsonObject { ["question"] = "who led the coup" }, guildId: ServerOnShard1));
        Assert.Contains("Barrientos", Description(await discord.Rest.WaitForEditAsync(elsewhere, timeout: HangDetector)), StringComparison.Ordinal);

        Assert.Same(shard0, await discord.Gateway.RouteAsync(ServerOnShard0));
        Assert.Same(shard1, await discord.Gateway.RouteAsync(ServerOnShard1));
        Assert.Contains(Id(upload), first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(upload), second.Output, StringComparison.Ordinal);
        Assert.Contains(Id(elsewhere), second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Id(elsewhere), first.Output, StringComparison.Ordinal);

        // The second replica, which never sees that server's events, follows its upload from the store's change log.
        var server0Index = $"search index of server {ServerOnShard0}";
        await Eventually.TrueAsync(
            () => second.Output.Contains(server0Index, StringComparison.OrdinalIgnoreCase), "the second replica follows the upload into its index", HangDetector);

        // Scale down to one replica: the first stops, and the second restarts to run both shards, on its own index.
        first.Terminate();
        Assert.Equal(0, await first.WaitForExitAsync(HangDetector));
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(HangDetector));
        await Task.WhenAll(shard0.Closed, shard1.Closed).WaitAsync(HangDetector);

        await using var alone = StartReplica("replica-2", "0-1");
        var taken = await discord.Gateway.WaitForShardAsync(0, HangDetector);
        await discord.Gateway.WaitForShardAsync(1, HangDetector);
        Assert.Equal([(0, 2), (1, 2)], discord.Gateway.Identifies.Skip(2).Select(i => i.Shard!.Value).Order());
        Assert.Same(taken, await discord.Gateway.RouteAsync(ServerOnShard0));

        var ask = await discord.SendInteractionAsync(taken, FakeInteraction.SlashCommand(
            "ask", new JsonObject { ["question"] = "Who fought the Chaco War?" }, guildId: ServerOnShard0));
        var answer = Description(await discord.Rest.WaitForEditAsync(ask, timeout: HangDetector));
        Assert.Contains("from 1932 to 1935", answer, StringComparison.Ordinal);
        Assert.Contains("The Chaco War", answer, StringComparison.Ordinal);
        Assert.Contains(Id(ask), alone.Output, StringComparison.Ordinal);
        // It answered from what it followed while serving shard 1: at start it neither rebuilt nor caught up on that server.
        Assert.DoesNotContain(server0Index, alone.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(discord.Rest.Rejected);

        alone.Terminate();
        Assert.Equal(0, await alone.WaitForExitAsync(HangDetector));
        Assert.DoesNotContain(Token, first.Output + first.Error + second.Output + second.Error + alone.Output + alone.Error, StringComparison.Ordinal);
    }

    /// <summary>A replica: shards <paramref name="shardIds"/> of 2, its search index and status file in its own folder.</summary>
    private ChatBotProcess StartReplica(string name, string shardIds)
    {
        var environment = StoreSettings(name);
        environment["Discord__Token"] = Token;
        environment["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString();
        environment["Discord__ShardCount"] = "2";
        environment["Discord__ShardIds"] = shardIds;
        return ChatBotProcess.Start(work.Path, environment);
    }

    private Dictionary<string, string> StoreSettings(string name) => new()
    {
        ["Store__Provider"] = "postgres",
        ["ConnectionStrings__Postgres"] = schema!.ConnectionString,
        ["Index__LucenePath"] = work.File(name + "/lucene"),
        ["Index__DatabasePath"] = work.File(name + "/chatbot.db"),
    };

    private static string Description(RecordedRequest edit) => edit.Json!["embeds"]![0]!["description"]!.GetValue<string>();

    private static string Id(FakeInteraction interaction) => "Interaction " + interaction.Id.ToString(CultureInfo.InvariantCulture);

    private static ulong GuildOn(int shard)
    {
        var guild = FakeInteraction.DefaultGuildId;
        while (FakeGateway.ShardOf(guild, 2) != shard)
        {
            guild += 1UL << 22;
        }

        return guild;
    }
}
