using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests.Community;

/// <summary>
/// Abuse through the fake Discord (issue 10 A): one gate and one limit for every question, no reply where the
/// bot may not post, refusals private or once a minute, and a breaker well before Cloudflare's ban.
/// </summary>
public sealed class AbuseEndToEndTests
{
    private const ulong OtherChannel = 645027906669510668;
    private const ulong ThirdChannel = 645027906669510669;
    private static readonly ulong BotUserId = new FakeDiscordOptions().ApplicationId;
    private static readonly Dictionary<string, string?> NoLimit = new() { ["Community:AskLimitPerMinute"] = "1000" };

    [Fact]
    public async Task Mention_Flood_RunsInTheCommandSlotsAndDropsTheRestWithOneLogLine()
    {
        const int Sent = 60;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inEngine = 0;
        var most = 0;
        await using var bot = await BotHarness.StartAsync(configuration: new Dictionary<string, string?>(NoLimit) { ["Discord:MaxConcurrentCommands"] = "2" });
        bot.Answers.Handler = async (request, ct) =>
        {
            var now = Interlocked.Increment(ref inEngine);
            InterlockedMax(ref most, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref inEngine);
            return SampleAnswers.Confident(request);
        };
        var gate = bot.Host.Services.GetRequiredService<CommandGate>();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        for (var i = 0; i < Sent; i++)
        {
            await connection.SendDispatchAsync("MESSAGE_CREATE", FakeMessage.InGuild($"<@{BotUserId}> question {i}", [BotUserId], authorId: 1000 + (ulong)i));
        }

        await Eventually.TrueAsync(() => bot.Logs.Lines.Count(l => l.EventId.Id == 4205) == Sent - gate.Limit, "the mentions beyond the slots and their queue were dropped");
        await Eventually.TrueAsync(() => Volatile.Read(ref inEngine) == 2, "two questions are in the engine");

        Assert.Equal(10, gate.Limit);
        Assert.Equal((2, 8), (gate.Busy, gate.Waiting));
        Assert.Single(bot.Logs.Lines, l => l.EventId.Id == 4012);
        Assert.Empty(ChannelPosts(bot));

        release.SetResult();
        await bot.Discord.Rest.WaitForAsync(IsChannelPost, gate.Limit);
        var late = FakeMessage.InGuild($"<@{BotUserId}> one more", [BotUserId], authorId: 999);
        await connection.SendDispatchAsync("MESSAGE_CREATE", late);
        await ReplyToAsync(bot, late);

        Assert.Equal(2, Volatile.Read(ref most));
        Assert.Equal(gate.Limit + 1, ChannelPosts(bot).Count);
        Assert.Single(bot.Logs.Lines, l => l.EventId.Id == 4013 && l.Message.Contains($"{Sent - gate.Limit} were refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mention_OverTheLimit_RefusalIsPostedOnceAMinuteAndTheHintCounts()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(
            configuration: new Dictionary<string, string?> { ["Community:AskLimitPerMinute"] = "1" },
            services: s => s.AddSingleton(sp => new AskRateLimiter(sp.GetRequiredService<IOptions<CommunityOptions>>(), clock)));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var first = await MentionAsync(connection, "who led the coup?");
        Assert.NotNull((await ReplyToAsync(bot, first))["embeds"]);
        var bare = await MentionAsync(connection, "");
        Assert.Equal("You are asking quickly: please try again in 60 seconds.", (await ReplyToAsync(bot, bare))["content"]!.GetValue<string>());
        await MentionAsync(connection, "who led the coup?");
        await MentionAsync(connection, "");
        await Eventually.TrueAsync(() => bot.Logs.Lines.Count(l => l.EventId.Id == 4204) == 2, "two refusals went untold");

        Assert.Equal(2, ChannelPosts(bot).Count);
        clock.Advance(TimeSpan.FromSeconds(61));
        var again = await MentionAsync(connection, "who led the coup?");
        Assert.NotNull((await ReplyToAsync(bot, again))["embeds"]);
        var refusedAgain = await MentionAsync(connection, "who led the coup?");
        Assert.StartsWith("You are asking quickly", (await ReplyToAsync(bot, refusedAgain))["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(4, ChannelPosts(bot).Count);
        Assert.Equal(2, bot.Answers.Requests.Count);
    }

    [Fact]
    public async Task Mention_InAChannelThatAnswered403_IsNotRepliedThereForTenMinutes()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await BotHarness.StartAsync(configuration: NoLimit, services: s => s.AddSingleton(new ChannelAccess(clock)));
        bot.Discord.Rest.Script("POST", $"^/channels/{FakeInteraction.DefaultChannelId}/messages$", new FakeResponse(403, """{"message":"Missing Permissions","code":50013}"""));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await MentionAsync(connection, "who led the coup?");
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 4206), "the 403 was logged");
        var second = await MentionAsync(connection, "who led the coup?", author: 2);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 4203 && l.Message.Contains(FakeMessage.Id(second).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)), "the second mention was left alone");
        await MentionAsync(connection, "who led the coup?", channel: OtherChannel);
        Assert.Equal(200, (await bot.Discord.Rest.WaitForOneAsync(r => IsChannelPost(r) && r.Path.Contains(OtherChannel.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))).Status);

        clock.Advance(ChannelAccess.BlockFor);
        var later = await MentionAsync(connection, "who led the coup?", author: 3);
        var reply = await ReplyToAsync(bot, later);

        Assert.NotNull(reply["embeds"]);
        Assert.Equal(2, ChannelPosts(bot).Count(r => r.Path == $"/channels/{FakeInteraction.DefaultChannelId}/messages"));
        Assert.Single(bot.Logs.Lines, l => l.EventId.Id == 3010);
        Assert.Equal(3, bot.Answers.Requests.Count);
    }

    [Fact]
    public async Task Mention_WhereAnInteractionShowsTheBotCannotReply_IsNotTriedUntilPermissionsReturn()
    {
        await using var bot = await BotHarness.StartAsync(configuration: NoLimit);
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        // View Channel and Send Messages, but not Read Message History, which a reply needs.
        var ask = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup" }).InChannel(ThirdChannel).WithAppPermissions("3072"));
        await bot.Discord.Rest.WaitForEditAsync(ask);
        await MentionAsync(connection, "who led the coup?", channel: ThirdChannel);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 4203), "the mention was left alone");
        Assert.Single(bot.Logs.Lines, l => l.EventId.Id == 4016);
        Assert.Empty(ChannelPosts(bot));

        var granted = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup" }).InChannel(ThirdChannel));
        await bot.Discord.Rest.WaitForEditAsync(granted);
        var answered = await MentionAsync(connection, "who led the coup?", channel: ThirdChannel);

        Assert.NotNull((await ReplyToAsync(bot, answered))["embeds"]);
    }

    [Fact]
    public async Task Breaker_InvalidRequestsReachTheBudget_StopsRepliesToMentionsButStillAnswersInteractions()
    {
        await using var bot = await BotHarness.StartAsync(
            configuration: NoLimit,
            services: s => s.AddSingleton(new InvalidRequestBudget { StopNonEssential = 3, StopAll = 100 }));
        bot.Discord.Rest.Script("POST", "^/channels/\\d+/messages$", new FakeResponse(403, """{"message":"Missing Permissions","code":50013}"""), times: 3);
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        foreach (var channel in new[] { FakeInteraction.DefaultChannelId, OtherChannel, ThirdChannel })
        {
            await MentionAsync(connection, "who led the coup?", channel: channel);
            await bot.Discord.Rest.WaitForOneAsync(r => IsChannelPost(r) && r.Path.Contains(channel.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        await Eventually.TrueAsync(() => bot.Logs.Lines.Count(l => l.EventId.Id == 4206) == 3, "the three 403s were handled");
        await MentionAsync(connection, "who led the coup?", channel: 645027906669510670);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 4203), "the next mention was held back");
        var ask = await bot.AskAsync(connection, "who led the coup");
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal(200, edit.Status);
        Assert.Equal(3, ChannelPosts(bot).Count);
        var opened = Assert.Single(bot.Logs.Lines, l => l.EventId.Id == 3008);
        Assert.Contains("3 invalid requests", opened.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buttons_MoreSourcesAndFeedback_CountTowardTheLimitAndAreRefusedPrivately()
    {
        await using var bot = await BotHarness.StartAsync(configuration: new Dictionary<string, string?> { ["Community:AskLimitPerMinute"] = "2" });
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.AskAsync(connection, "who led the coup");
        var buttons = (await bot.Discord.Rest.WaitForEditAsync(ask)).Json!["components"]![0]!["components"]!.AsArray();
        var more = buttons[0]!["custom_id"]!.GetValue<string>();
        var sources = buttons[1]!["custom_id"]!.GetValue<string>();

        var morePress = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(more, "who led the coup"));
        await bot.Discord.Rest.WaitForEditAsync(morePress);
        var refused = new List<FakeInteraction>
        {
            await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(sources, "who led the coup")),
            await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button("fb:up:42", "who led the coup")),
            await bot.AskAsync(connection, "who led the coup"),
        };

        foreach (var press in refused)
        {
            var callback = (await bot.Discord.Rest.WaitForCallbackAsync(press)).Json!;
            Assert.Equal((4, 64), (callback["type"]!.GetValue<int>(), callback["data"]!["flags"]!.GetValue<int>()));
            Assert.StartsWith("You are asking quickly", callback["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(2, bot.Answers.Requests.Count);
    }

    [Fact]
    public async Task Ask_AllSlotsAndTheirQueueFull_IsRefusedPrivatelyBeforeAnyDefer()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await BotHarness.StartAsync(configuration: new Dictionary<string, string?>(NoLimit) { ["Discord:MaxConcurrentCommands"] = "1" });
        bot.Answers.Handler = async (request, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return SampleAnswers.Confident(request);
        };
        var gate = bot.Host.Services.GetRequiredService<CommandGate>();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var accepted = new List<FakeInteraction>();
        for (var i = 0; i < gate.Limit; i++)
        {
            accepted.Add(await bot.AskAsync(connection, $"question {i}"));
            await bot.Discord.Rest.WaitForCallbackAsync(accepted[^1]);
        }

        var busy = await bot.AskAsync(connection, "one too many");
        var callback = (await bot.Discord.Rest.WaitForCallbackAsync(busy)).Json!;
        release.SetResult();
        foreach (var ask in accepted)
        {
            Assert.Equal(200, (await bot.Discord.Rest.WaitForEditAsync(ask)).Status);
        }

        Assert.Equal((4, 64), (callback["type"]!.GetValue<int>(), callback["data"]!["flags"]!.GetValue<int>()));
        Assert.Equal(InteractionRouter.BusyText, callback["data"]!["content"]!.GetValue<string>());
        Assert.All(accepted, a => Assert.Equal([5], a.Callbacks.ToArray()));
        Assert.DoesNotContain(bot.Answers.Requests, r => r.Question == "one too many");
    }

    private static bool IsChannelPost(RecordedRequest request)
        => request.Method == "POST" && request.Path.StartsWith("/channels/", StringComparison.Ordinal);

    private static List<RecordedRequest> ChannelPosts(BotHarness bot) => [.. bot.Discord.Rest.Requests.Where(IsChannelPost)];

    private static async Task<JsonObject> MentionAsync(FakeGatewayConnection connection, string question, ulong author = FakeInteraction.DefaultUserId, ulong channel = FakeInteraction.DefaultChannelId)
    {
        var message = FakeMessage.InGuild($"<@{BotUserId}> {question}", [BotUserId], authorId: author, channelId: channel);
        await connection.SendDispatchAsync("MESSAGE_CREATE", message);
        return message;
    }

    private static async Task<JsonNode> ReplyToAsync(BotHarness bot, JsonObject message)
    {
        var id = FakeMessage.Id(message).ToString(CultureInfo.InvariantCulture);
        var reply = await bot.Discord.Rest.WaitForOneAsync(r => IsChannelPost(r) && r.Json?["message_reference"]?["message_id"]?.GetValue<string>() == id);
        Assert.Equal(200, reply.Status);
        return reply.Json!;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
