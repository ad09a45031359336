using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>Sharding (https://discord.com/developers/docs/events/gateway#sharding) against the fake Discord: one connection and session per shard, identify buckets, routing, failures.</summary>
public sealed class ShardingTests
{
    /// <summary>A server id whose events Discord sends to <paramref name="shard"/> of <paramref name="count"/>.</summary>
    internal static ulong GuildOn(int shard, int count, int n = 0) => ((ulong)((1000 + n) * count + shard) << 22) | 0x2A5F;

    /// <summary>On a manual clock, READY must be read before the clock moves past its deadline.</summary>
    private static Task ReadyAsync(BotHarness bot, params int[] shards)
        => Eventually.TrueAsync(() => shards.All(id => bot.Status.Shards.Single(s => s.Id == id).State == GatewayState.Ready), $"shards {string.Join(", ", shards)} read READY");

    private static Dictionary<string, string?> Shards(int count, string ids) => new() { ["Discord:ShardCount"] = $"{count}", ["Discord:ShardIds"] = ids };

    [Fact]
    public async Task Start_DiscordRecommendsThreeShards_IdentifiesEachOnItsOwnConnectionWithItsShardArray()
    {
        await using var bot = await BotHarness.StartAsync(d => d.RecommendedShards = 3);

        var connections = new[] { await bot.Discord.Gateway.WaitForShardAsync(0), await bot.Discord.Gateway.WaitForShardAsync(1), await bot.Discord.Gateway.WaitForShardAsync(2) };
        await Eventually.TrueAsync(() => bot.Status.IsReady, "every shard is ready");

        Assert.Equal([(0, 3), (1, 3), (2, 3)], bot.Discord.Gateway.Identifies.Select(i => i.Shard!.Value).Order());
        Assert.Equal(3, connections.Select(c => c.Number).Distinct().Count());
        Assert.Equal(3, connections.Select(c => c.Session!.Id).Distinct().Count());
        Assert.All(connections, c => Assert.Equal("/gateway", c.Path));
        Assert.Equal([0, 1, 2], bot.Status.Shards.Select(s => s.Id));
        Assert.All(bot.Status.Shards, s => Assert.Equal((3, GatewayState.Ready), (s.Count, s.State)));
    }

    [Fact]
    public async Task Identify_MaxConcurrencyTwo_StartsBucketByBucketFiveSecondsApart()
    {
        // The bot's clock moves only when the test says: no identify can pass the gate early by luck or by load.
        var time = new ManualTimeProvider();
        await using var bot = await BotHarness.StartAsync(
            d =>
            {
                d.RecommendedShards = 6;
                d.MaxConcurrency = 2;
            },
            BotHarness.FastTimings(identifyInterval: TimeSpan.FromSeconds(5)),
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var gateway = bot.Discord.Gateway;

        // Shards 0 and 1 (rate-limit keys 0 and 1) start at once; the other four wait at the gate, HELLO received.
        await gateway.WaitForShardAsync(0);
        await gateway.WaitForShardAsync(1);
        await Eventually.TrueAsync(() => gateway.Connections.Count == 6, "every shard has a socket");
        await ReadyAsync(bot, 0, 1);
        await time.WaitForTimersAsync(count: 10);
        Assert.Equal([0, 1], gateway.Identifies.Select(i => i.Shard!.Value.Id).Order());

        time.Advance(TimeSpan.FromSeconds(5));
        await gateway.WaitForShardAsync(2);
        await gateway.WaitForShardAsync(3);
        await ReadyAsync(bot, 2, 3);
        Assert.Equal([2, 3], gateway.Identifies.Skip(2).Select(i => i.Shard!.Value.Id).Order());
        Assert.Equal(4, gateway.Identifies.Count);

        time.Advance(TimeSpan.FromSeconds(5));
        await gateway.WaitForShardAsync(4);
        await gateway.WaitForShardAsync(5);
        Assert.Equal([4, 5], gateway.Identifies.Skip(4).Select(i => i.Shard!.Value.Id).Order());
        Assert.Equal(6, gateway.Identifies.Count);
    }

    [Fact]
    public async Task Reconnect_OneShardDropped_ResumesItsOwnSessionAndSequenceWhileTheOtherIsUntouched()
    {
        await using var bot = await BotHarness.StartAsync(configuration: Shards(2, "all"));
        var zero = await bot.Discord.Gateway.WaitForShardAsync(0);
        var one = await bot.Discord.Gateway.WaitForShardAsync(1);
        await zero.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });
        await zero.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "2" });
        var last = await one.SendDispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "3" });
        await one.SendHeartbeatRequestAsync();
        Assert.Equal(last, (await one.WaitForOpAsync(1)).Data!.GetValue<int>());

        await one.CloseAsync(4000);
        var resumed = await bot.Discord.Gateway.NextConnectionAsync();
        while (resumed.Number <= Math.Max(zero.Number, one.Number))
        {
            resumed = await bot.Discord.Gateway.NextConnectionAsync();
        }

        var resume = await resumed.WaitForOpAsync(6);
        await resumed.WaitForSessionAsync();

        Assert.Equal("/resume", resumed.Path);
        Assert.Equal(one.Session!.Id, resume.Data!["session_id"]!.GetValue<string>());
        Assert.Equal(last, resume.Data["seq"]!.GetValue<int>());
        Assert.Equal(1, resumed.ShardId);
        Assert.False(zero.Closed.IsCompleted);
        Assert.Single(zero.Frames, f => f.Op == 2);
        Assert.DoesNotContain(zero.Frames, f => f.Op == 6);
        Assert.Equal(2, bot.Discord.Gateway.Identifies.Count);
        await Eventually.TrueAsync(() => bot.Status.IsReady, "both shards are ready again");
    }

    [Fact]
    public async Task Events_GuildsOnBothShardsAndADm_AreAnsweredFromTheShardDiscordSentThemOn()
    {
        var (onZero, onOne) = (GuildOn(0, 2), GuildOn(1, 2));
        await using var bot = await BotHarness.StartAsync(d => d.Guilds = [onZero, onOne], configuration: Shards(2, "0-1"));

        var zero = await bot.Discord.Gateway.RouteAsync(onZero);
        var one = await bot.Discord.Gateway.RouteAsync(onOne);
        var dm = await bot.Discord.Gateway.RouteAsync(null);
        var asks = new[] { await bot.AskAsync(zero, "asked on shard 0", guildId: onZero), await bot.AskAsync(one, "asked on shard 1", guildId: onOne), await bot.AskAsync(dm, "asked in a DM", guildId: null) };
        foreach (var ask in asks)
        {
            await bot.Discord.Rest.WaitForEditAsync(ask);
        }

        Assert.Equal((0, 1, 0), (zero.ShardId, one.ShardId, dm.ShardId));
        Assert.Equal(
            [("asked in a DM", (ulong?)null), ("asked on shard 0", onZero), ("asked on shard 1", onOne)],
            bot.Answers.Requests.Select(r => (r.Question, r.Scope.GuildId)).OrderBy(r => r.Question, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Close4011_OnOneShard_StopsThatShardOnlyAndTheOtherKeepsAnswering()
    {
        var crowded = new[] { GuildOn(1, 2, 0), GuildOn(1, 2, 1), GuildOn(1, 2, 2) };
        var quiet = GuildOn(0, 2);
        await using var bot = await BotHarness.StartAsync(
            d =>
            {
                d.Guilds = [quiet, .. crowded];
                d.MaxGuildsPerShard = 2;
                d.RecommendedShards = 4;
            },
            configuration: Shards(2, "all"));

        var zero = await bot.Discord.Gateway.WaitForShardAsync(0);
        await Eventually.TrueAsync(() => bot.Status.Shards.Any(s => s.State == GatewayState.Failed), "shard 1 stopped");
        var ask = await bot.AskAsync(zero, "still answered?", guildId: quiet);
        await bot.Discord.Rest.WaitForEditAsync(ask);

        var failed = Assert.Single(bot.Status.Shards, s => s.State == GatewayState.Failed);
        Assert.Equal(1, failed.Id);
        Assert.Contains("4011", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Discord recommends 4 shards: raise Discord:ShardCount", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(GatewayState.Degraded, bot.Status.State);
        Assert.Equal(GatewayState.Ready, bot.Status.Shards[0].State);
        Assert.Single(bot.Discord.Gateway.Identifies, i => i.Shard == (1, 2));
        Assert.Empty(bot.ExitCodes);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Level == LogLevel.Critical);
        Assert.False(bot.Lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task Close4014_OnOneShard_OthersKeepTheirSessionButNeverIdentifyAgainAndTheBotStopsWhenTheLastEnds()
    {
        using var work = new TempDirectory();
        var record = work.File("chatbot.fatal-close.json");

        // Shard 1 is refused only once shard 0 has identified: refused first, shard 0 would never identify at all
        // (the next test), and which of the two gets there first is up to the machine.
        using var zeroIdentified = new ManualResetEventSlim();
        await using var bot = await BotHarness.StartAsync(
            d => d.CloseOnIdentifyForShard = id =>
            {
                if (id == 0)
                {
                    zeroIdentified.Set();
                    return null;
                }

                Assert.True(zeroIdentified.Wait(TestTimeouts.Default), "shard 0 identified");
                return 4014;
            },
            services: s => s.AddFatalCloseRecordFile(_ => record),
            configuration: Shards(2, "all"));

        var zero = await bot.Discord.Gateway.WaitForShardAsync(0);
        await Eventually.TrueAsync(() => bot.Status.Shards.Any(s => s.State == GatewayState.Failed), "shard 1 stopped");
        var ask = await bot.AskAsync(zero, "still answered?", guildId: GuildOn(0, 2));
        await bot.Discord.Rest.WaitForEditAsync(ask);
        Assert.True(File.Exists(record), "a restart would identify every shard and be refused too, so the refusal is recorded at once");
        Assert.Empty(bot.ExitCodes);

        // Shard 0's session ends; it would have to identify again with the refused intents, so the bot stops instead.
        await zero.CloseAsync(4009);
        await bot.WaitForStopAsync();

        Assert.Equal([1], bot.ExitCodes);
        Assert.Equal(2, bot.Discord.Gateway.Identifies.Count);
        var critical = Assert.Single(bot.Logs.Lines, l => l.Level == LogLevel.Critical);
        Assert.Contains("4014", critical.Message, StringComparison.Ordinal);
        Assert.Contains(record, critical.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close4014_WhileAnotherShardWaitsForItsTurn_ThatShardNeverIdentifies()
    {
        var time = new ManualTimeProvider();
        await using var bot = await BotHarness.StartAsync(
            d =>
            {
                d.RecommendedShards = 3;
                d.CloseOnIdentifyForShard = id => id == 1 ? 4014 : null;
            },
            BotHarness.FastTimings(identifyInterval: TimeSpan.FromSeconds(5)),
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var gateway = bot.Discord.Gateway;
        await gateway.WaitForShardAsync(0);
        await Eventually.TrueAsync(() => bot.Status.Shards[0].State == GatewayState.Ready, "shard 0 read its READY (before the clock moves past its deadline)");
        await Eventually.TrueAsync(() => gateway.Connections.Count == 3, "every shard has a socket");

        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => bot.Status.Shards[1].State == GatewayState.Failed, "shard 1 was refused");
        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => bot.Status.Shards[2].State == GatewayState.Failed, "shard 2 gave up without identifying");

        Assert.Equal([0, 1], gateway.Identifies.Select(i => i.Shard!.Value.Id));
        Assert.Contains("4014", bot.Status.Shards[2].FailureReason, StringComparison.Ordinal);
        Assert.Equal(GatewayState.Ready, bot.Status.Shards[0].State);
        Assert.Empty(bot.ExitCodes);
    }

    [Fact]
    public async Task Start_ShardIdsNamed_RunsOnlyThoseOutOfTheConfiguredCount()
    {
        await using var bot = await BotHarness.StartAsync(d => d.RecommendedShards = 1, configuration: Shards(4, "1,3"));

        await bot.Discord.Gateway.WaitForShardAsync(1);
        await bot.Discord.Gateway.WaitForShardAsync(3);
        await Eventually.TrueAsync(() => bot.Status.IsReady, "both shards are ready");

        Assert.Equal([(1, 4), (3, 4)], bot.Discord.Gateway.Identifies.Select(i => i.Shard!.Value).Order());
        Assert.Equal([1, 3], bot.Status.Shards.Select(s => s.Id));
    }

    [Fact]
    public async Task SendLimit_OneShardSpentItsHundredTwenty_TheOtherStillSends()
    {
        await using var bot = await BotHarness.StartAsync(d => d.HeartbeatIntervalMs = 3_600_000, configuration: Shards(2, "all"));
        var zero = await bot.Discord.Gateway.WaitForShardAsync(0);
        var one = await bot.Discord.Gateway.WaitForShardAsync(1);
        var identifyFrames = zero.Frames.Count;

        // Discord asks shard 0 for 125 beats; the 120 per 60 s of that connection (IDENTIFY included) run out first.
        for (var i = 0; i < 125; i++)
        {
            await zero.SendHeartbeatRequestAsync();
        }

        await Eventually.TrueAsync(() => zero.Frames.Count == 120, "shard 0 sent 120 messages in all");
        await one.SendHeartbeatRequestAsync();
        await one.WaitForOpAsync(1);

        Assert.Equal(1, identifyFrames);
        Assert.Equal(120, zero.Frames.Count);
        Assert.False(zero.Closed.IsCompleted);
    }
}
