using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>The gateway state machine (connect, heartbeat, identify, resume, reconnect: https://discord.com/developers/docs/events/gateway#connections) against the fake Discord, end to end.</summary>
public sealed class GatewayLifecycleTests
{
    [Fact]
    public async Task Start_FreshSession_IdentifiesOnGatewayUrlWithTokenMessageIntentsOnlyAndVersionQuery()
    {
        await using var bot = await BotHarness.StartAsync();

        var connection = await bot.Discord.Gateway.NextConnectionAsync();
        var identify = await connection.WaitForOpAsync(2);

        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.Equal(BotHarness.Token, identify.Data!["token"]!.GetValue<string>());
        // GUILD_MESSAGES (1 << 9) and DIRECT_MESSAGES (1 << 12) for asking in chat; no privileged intent (1, 8, 15).
        Assert.Equal((1 << 9) | (1 << 12), identify.Data["intents"]!.GetValue<int>());
        Assert.Equal("chatbot", identify.Data["properties"]!["browser"]!.GetValue<string>());
        Assert.NotNull(identify.Data["properties"]!["os"]);
    }

    [Fact]
    public async Task Heartbeat_AfterHello_FirstBeatWaitsTheIntervalTimesJitterNotAWholeInterval()
    {
        // Jitter 0.02 of a 10-second interval: the first beat is due after 200 ms. A whole interval would be ten
        // seconds, so the upper bound tells the two apart with a margin no load on the machine reaches.
        const int Interval = 10_000;
        await using var bot = await BotHarness.StartAsync(d => d.HeartbeatIntervalMs = Interval, BotHarness.FastTimings(random: () => 0.02));

        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var first = await connection.WaitForOpAsync(1);

        var firstDelay = Stopwatch.GetElapsedTime(connection.HelloSentAt, first.Timestamp);
        Assert.InRange(firstDelay.TotalMilliseconds, (Interval * 0.02) - 20, Interval - 1);
        Assert.Equal(1, first.Data!.GetValue<int>());
    }

    [Fact]
    public async Task Heartbeat_AfterTheFirst_BeatsNoSoonerThanEveryIntervalWithLastSequence()
    {
        const int Interval = 300;
        await using var bot = await BotHarness.StartAsync(d => d.HeartbeatIntervalMs = Interval, BotHarness.FastTimings(random: () => 0));

        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var first = await connection.WaitForOpAsync(1);
        var second = await connection.WaitForOpAsync(1);

        // Jitter 0: the first beat goes at once, perhaps before READY's sequence; the next one an interval later carries it.
        Assert.True(Stopwatch.GetElapsedTime(first.Timestamp, second.Timestamp).TotalMilliseconds >= Interval - 20);
        Assert.Equal(1, second.Data!.GetValue<int>());
    }

    [Fact]
    public async Task Heartbeat_BeforeAnyDispatch_SendsNullSequence()
    {
        await using var bot = await BotHarness.StartAsync(
            d =>
            {
                d.HeartbeatIntervalMs = 100;
                d.AutoReady = _ => false;
            },
            BotHarness.FastTimings(random: () => 0));

        var connection = await bot.Discord.Gateway.NextConnectionAsync();
        var beat = await connection.WaitForOpAsync(1);

        Assert.Null(beat.Data);
        Assert.Contains("\"d\":null", beat.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_AfterDispatches_CarriesLatestSequence()
    {
        await using var bot = await BotHarness.StartAsync(d => d.HeartbeatIntervalMs = 60_000);
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        await connection.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });
        var last = await connection.SendDispatchAsync("TYPING_START", new JsonObject());

        await connection.SendHeartbeatRequestAsync();
        var beat = await connection.WaitForOpAsync(1);

        Assert.Equal(last, beat.Data!.GetValue<int>());
    }

    [Fact]
    public async Task ServerHeartbeatRequest_Op1_BeatsImmediatelyWithoutZombieCheck()
    {
        await using var bot = await BotHarness.StartAsync(d =>
        {
            d.HeartbeatIntervalMs = 60_000;
            d.AutoAck = _ => false;
        });
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var asked = Stopwatch.GetTimestamp();
        await connection.SendHeartbeatRequestAsync();
        var first = await connection.WaitForOpAsync(1);
        await connection.SendHeartbeatRequestAsync();
        var second = await connection.WaitForOpAsync(1);

        // Neither beat was ACKed: a zombie check on op 1 would have closed the connection instead of beating.
        Assert.InRange(Stopwatch.GetElapsedTime(asked, first.Timestamp).TotalMilliseconds, 0, 2000);
        Assert.True(second.Timestamp > first.Timestamp);
        Assert.False(connection.Closed.IsCompleted);
        Assert.Single(bot.Discord.Gateway.Connections);
    }

    [Fact]
    public async Task Reconnect_Op7_ClosesWithoutInvalidatingAndResumesOnResumeUrlWithLastSequence()
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var session = first.Session!;
        var last = await first.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });

        await first.SendReconnectAsync();
        var closeCode = await first.Closed.WaitAsync(TestTimeouts.Default);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        var resume = await second.WaitForOpAsync(6);

        Assert.Equal(4000, closeCode);
        Assert.Equal("/resume", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        Assert.Equal(session.Id, resume.Data!["session_id"]!.GetValue<string>());
        Assert.Equal(last, resume.Data["seq"]!.GetValue<int>());
        Assert.Equal(BotHarness.Token, resume.Data["token"]!.GetValue<string>());
        Assert.DoesNotContain(second.Frames, f => f.Op == 2);
        await second.WaitForSessionAsync();
        await Eventually.TrueAsync(() => bot.Status.IsReady, "the resumed connection is ready");
    }

    [Fact]
    public async Task Heartbeat_NoAckBetweenBeats_ClosesZombieAndResumesWithoutReconnectLoop()
    {
        await using var bot = await BotHarness.StartAsync(d =>
        {
            d.HeartbeatIntervalMs = 250;
            d.AutoAck = n => n != 1;
        });
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();
        await first.WaitForOpAsync(1);

        var closeCode = await first.Closed.WaitAsync(TestTimeouts.Default);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        var resume = await second.WaitForOpAsync(6);

        Assert.NotNull(closeCode);
        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);
        Assert.Equal("/resume", second.Path);
        Assert.Equal(first.Session!.Id, resume.Data!["session_id"]!.GetValue<string>());

        // The fresh connection starts with a fresh ACK flag: three ACKed beats later it is still the only one.
        await second.WaitForOpAsync(1);
        await second.WaitForOpAsync(1);
        await second.WaitForOpAsync(1);
        Assert.Equal(2, bot.Discord.Gateway.Connections.Count);
        Assert.False(second.Closed.IsCompleted);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesOnGatewayUrlAfterDelay()
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var sent = Stopwatch.GetTimestamp();
        await first.SendInvalidSessionAsync(resumable: false);
        var closeCode = await first.Closed.WaitAsync(TestTimeouts.Default);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        var identify = await second.WaitForOpAsync(2);

        Assert.NotEqual(1000, closeCode);
        Assert.Equal("/gateway", second.Path);
        Assert.Equal("?v=10&encoding=json", second.Query);
        Assert.DoesNotContain(second.Frames, f => f.Op == 6);
        Assert.True(Stopwatch.GetElapsedTime(sent, identify.Timestamp) >= TimeSpan.FromMilliseconds(200), "IDENTIFY came before the 1–5 s (here 200–400 ms) wait");
        var session = await second.WaitForSessionAsync();
        Assert.NotEqual(first.Session!.Id, session.Id);
    }

    [Fact]
    public async Task InvalidSession_Resumable_ResumesOnResumeUrl()
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.SendInvalidSessionAsync(resumable: true);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        var resume = await second.WaitForOpAsync(6);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(first.Session!.Id, resume.Data!["session_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(1001)]
    public async Task Close_ResumableCode_ResumesOnResumeUrl(int code)
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.CloseAsync(code);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        var resume = await second.WaitForOpAsync(6);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(first.Session!.Id, resume.Data!["session_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(4003)]
    [InlineData(4005)]
    [InlineData(4007)]
    [InlineData(4008)]
    [InlineData(4009)]
    [InlineData(1000)]
    public async Task Close_SessionEndingCode_IdentifiesOnGatewayUrl(int code)
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.CloseAsync(code);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        await second.WaitForOpAsync(2);

        Assert.Equal("/gateway", second.Path);
        Assert.DoesNotContain(second.Frames, f => f.Op == 6);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Close_FatalCode_StopsWithExitCodeOneAndNeverReconnects(int code)
    {
        await using var bot = await BotHarness.StartAsync(d => d.CloseOnIdentify = code);

        await bot.WaitForStopAsync();

        Assert.Equal([1], bot.ExitCodes);
        Assert.Equal(1, bot.Discord.Gateway.Attempts);
        var critical = Assert.Single(bot.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), critical.Message, StringComparison.Ordinal);
        Assert.Equal(GatewayState.Failed, bot.Status.State);
        Assert.DoesNotContain(BotHarness.TokenSecret, bot.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayBot_Unauthorized_StopsWithExitCodeOneWithoutConnecting()
    {
        await using var bot = await BotHarness.StartAsync(d => d.ExpectedToken = "the-real-token");

        await bot.WaitForStopAsync();

        Assert.Equal([1], bot.ExitCodes);
        Assert.Equal(0, bot.Discord.Gateway.Attempts);
        Assert.Single(bot.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
    }

    [Fact]
    public async Task GatewayBot_NoSessionStartsLeft_StopsInsteadOfIdentifying()
    {
        await using var bot = await BotHarness.StartAsync(d => d.SessionStartRemaining = 0);

        await bot.WaitForStopAsync();

        Assert.Equal([1], bot.ExitCodes);
        Assert.Equal(0, bot.Discord.Gateway.Attempts);
        Assert.Contains("no session starts", bot.Status.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_NeverSent_TimesOutClosesAndConnectsAgain()
    {
        var timings = BotHarness.FastTimings();
        await using var bot = await BotHarness.StartAsync(
            d => d.SendHello = n => n != 1,
            new ChatBot.Discord.Gateway.GatewayTimings { HelloTimeout = TimeSpan.FromMilliseconds(200), CloseTimeout = timings.CloseTimeout, BackoffInitial = timings.BackoffInitial, BackoffJitter = TimeSpan.Zero, IdentifyInterval = TimeSpan.Zero, Random = timings.Random });
        var first = await bot.Discord.Gateway.NextConnectionAsync();

        var closeCode = await first.Closed.WaitAsync(TestTimeouts.Default);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        await second.WaitForOpAsync(2);

        Assert.Equal(4000, closeCode);
        Assert.Empty(first.Frames);
    }

    [Fact]
    public async Task Ready_NeverSent_TimesOutClosesAndIdentifiesAgain()
    {
        var timings = BotHarness.FastTimings();
        await using var bot = await BotHarness.StartAsync(
            d => d.AutoReady = n => n != 1,
            new ChatBot.Discord.Gateway.GatewayTimings { ReadyTimeout = TimeSpan.FromMilliseconds(200), CloseTimeout = timings.CloseTimeout, BackoffInitial = timings.BackoffInitial, BackoffJitter = TimeSpan.Zero, IdentifyInterval = TimeSpan.Zero, Random = timings.Random });
        var first = await bot.Discord.Gateway.NextConnectionAsync();
        await first.WaitForOpAsync(2);

        var closeCode = await first.Closed.WaitAsync(TestTimeouts.Default);
        var second = await bot.Discord.Gateway.NextReadyConnectionAsync();

        Assert.Equal(4000, closeCode);
        Assert.Equal("/gateway", second.Path);
    }

    [Fact]
    public async Task Connect_RefusedTwice_BacksOffWithDoublingDelaysThenConnects()
    {
        await using var bot = await BotHarness.StartAsync(d => d.RefuseConnections = 2);

        await bot.Discord.Gateway.NextReadyConnectionAsync();

        var waits = bot.Logs.Lines.Where(l => l.EventId.Id == 2014).Select(l => l.Message).ToList();
        Assert.Equal(["Gateway shard 0/1: waiting 50 ms before reconnecting (connect failed)", "Gateway shard 0/1: waiting 100 ms before reconnecting (connect failed)"], waits);
        var times = bot.Discord.Gateway.AttemptTimes;
        Assert.Equal(3, times.Count);

        // Timers may end a millisecond before a stopwatch agrees; the waits were really taken.
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromMilliseconds(45), "reconnected before the first backoff");
        Assert.True(Stopwatch.GetElapsedTime(times[1], times[2]) >= TimeSpan.FromMilliseconds(95), "reconnected before the second backoff");
    }

    [Fact]
    public async Task Status_AfterReadyAndAck_ReportsReadyAckAndApplication()
    {
        await using var bot = await BotHarness.StartAsync(d => d.HeartbeatIntervalMs = 100);
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        await connection.WaitForOpAsync(1);

        await Eventually.TrueAsync(() => bot.Status.LastHeartbeatAck is not null, "a heartbeat was acknowledged");

        Assert.True(bot.Status.IsReady);
        Assert.Equal(bot.Discord.Options.ApplicationId, bot.Status.ApplicationId);
        Assert.NotNull(bot.Status.Latency);
        Assert.Null(bot.Status.FailureReason);
    }

    [Fact]
    public async Task Drop_WithoutCloseFrame_ResumesOnResumeUrl()
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var last = await first.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });

        // A reset discards data the bot has not read yet: make sure it has read READY and the dispatch first.
        await first.SendHeartbeatRequestAsync();
        Assert.Equal(last, (await first.WaitForOpAsync(1)).Data!.GetValue<int>());

        first.Drop();
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        var resume = await second.WaitForOpAsync(6);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(last, resume.Data!["seq"]!.GetValue<int>());
    }

    [Fact]
    public async Task Resume_UrlUnreachable_GivesUpAfterThreeTriesAndIdentifiesOnGatewayUrl()
    {
        await using var bot = await BotHarness.StartAsync(d => d.RefuseResume = true);
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.CloseAsync(4000);
        var second = await bot.Discord.Gateway.NextReadyConnectionAsync();

        Assert.Equal("/gateway", second.Path);
        Assert.Equal(1 + 3 + 1, bot.Discord.Gateway.Attempts);
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 2022);
    }
}
