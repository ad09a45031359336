using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Bot;

/// <summary>
/// The executable as deployed: the real process with the bundled corpus, talking to the in-process fake
/// Discord through the one setting that points it there (<c>Discord__ApiBaseUrl</c>).
/// </summary>
public sealed class BotEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Token = "test-bot-token";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);
    private readonly TempDirectory work = new();
    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });

    public async Task DisposeAsync() => await discord.DisposeAsync();

    public void Dispose() => work.Dispose();

    private ChatBotProcess StartBot() => ChatBotProcess.Start(work.Path, new Dictionary<string, string>
    {
        ["Discord__Token"] = Token,
        ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
        ["Index__SourcesPath"] = RepositoryPaths.BundledSources,
        ["Index__DatabasePath"] = work.File("data/chatbot.db"),
    });

    [Fact]
    public async Task Bot_AsksAndStops_AnswersWithTheBundledCorpusAndExitsCleanlyOnSigterm()
    {
        await using var bot = StartBot();
        var connection = await discord.Gateway.NextReadyConnectionAsync(Startup);
        await discord.Rest.WaitForOneAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal), Startup);
        var registered = discord.Rest.Commands("global").Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["about", "ask", "gaps", "help", "source", "sources", "timeline", "verify"], registered.Order(StringComparer.Ordinal));

        var ask = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup" }));
        var callback = await discord.Rest.WaitForCallbackAsync(ask);
        var edit = await discord.Rest.WaitForEditAsync(ask);
        Assert.True(Stopwatch.GetElapsedTime(ask.SentAt, callback.Timestamp) < TimeSpan.FromSeconds(3));
        var embed = edit.Json!["embeds"]![0]!;
        Assert.Equal("who led the coup", embed["title"]!.GetValue<string>());
        Assert.Contains("Barrientos", embed["description"]!.GetValue<string>());
        Assert.Contains("United States Assistance to the Bolivian Military 1958-1964", embed["description"]!.GetValue<string>());
        Assert.Empty(edit.Json!["allowed_mentions"]!["parse"]!.AsArray());

        var hostile = "@everyone <@123> <@&456> \"NEAR(coup* AND :junta)\" " + new string('x', 1000);
        var attack = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = hostile }));
        var answer = await discord.Rest.WaitForEditAsync(attack);
        Assert.Empty(answer.Json!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(discord.Rest.Rejected);

        bot.Terminate();
        Assert.Equal(0, await bot.WaitForExitAsync(Startup));
        Assert.Equal(1000, await connection.Closed.WaitAsync(Startup));
        Assert.DoesNotContain(Token, bot.Output + bot.Error);
    }

    [Fact]
    public async Task Bot_ModeratorUploadsASource_MembersFindItByAskAndByMentionAndGapsListTheMisses()
    {
        await using var bot = StartBot();
        var connection = await discord.Gateway.NextReadyConnectionAsync(Startup);
        var file = discord.AddFile("chaco.md", System.Text.Encoding.UTF8.GetBytes(TestSources.Chaco));

        var add = await discord.SendInteractionAsync(connection, FakeInteraction.Subcommand(
            "source", "add", attachment: FakeInteraction.Attachment("chaco.md", file, TestSources.Chaco.Length)));
        var added = await discord.Rest.WaitForEditAsync(add, timeout: Startup);
        Assert.StartsWith("Added \"The Chaco War\": 2 passages", added.Json!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        var ask = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "Who fought the Chaco War?" }));
        Assert.Contains("The Chaco War", (await discord.Rest.WaitForEditAsync(ask)).Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);

        var botId = new FakeDiscordOptions().ApplicationId;
        var mention = FakeMessage.InGuild($"<@{botId}> Who won the 1986 World Cup?", [botId]);
        await connection.SendDispatchAsync("MESSAGE_CREATE", mention);
        var reply = await discord.Rest.WaitForOneAsync(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal));
        Assert.Equal(200, reply.Status);
        Assert.Contains("does not cover", reply.Json!["embeds"]![0]!.ToJsonString(), StringComparison.Ordinal);

        var gaps = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("gaps"));
        Assert.Contains("Who won the 1986 World Cup?", (await discord.Rest.WaitForEditAsync(gaps)).Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(discord.Rest.Rejected);

        bot.Terminate();
        Assert.Equal(0, await bot.WaitForExitAsync(Startup));
    }

    [Fact]
    public async Task Bot_TokenRejected_StopsWithExitCode1AndNeverReconnects()
    {
        await using var rejecting = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { CloseOnIdentify = 4004 });
        await using var bot = ChatBotProcess.Start(work.Path, new Dictionary<string, string>
        {
            ["Discord__Token"] = Token,
            ["Discord__ApiBaseUrl"] = rejecting.ApiBaseUrl.ToString(),
            ["Index__SourcesPath"] = RepositoryPaths.BundledSources,
            ["Index__DatabasePath"] = work.File("data/chatbot.db"),
        });

        Assert.Equal(1, await bot.WaitForExitAsync(Startup));
        Assert.Equal(1, rejecting.Gateway.Attempts);
        Assert.Contains("4004", bot.Output + bot.Error);
    }
}
