using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>
/// Two bot hosts in one test process, as two replicas would run: one fake Discord, <c>Discord:ShardCount</c> 2 in both,
/// <c>Discord:ShardIds</c> 0 in one and 1 in the other. Each must identify as its own shard and get only its servers' events.
/// </summary>
public sealed class ShardedProcessesTests
{
    [Fact]
    public async Task TwoHosts_DifferentShardIds_EachIdentifiesItsShardAndAnswersOnlyItsServers()
    {
        var (onZero, onOne) = (ShardingTests.GuildOn(0, 2), ShardingTests.GuildOn(1, 2));
        await using var first = await BotHarness.StartAsync(
            d =>
            {
                d.Guilds = [onZero, onOne];
                d.RecommendedShards = 1;
            },
            configuration: new Dictionary<string, string?> { ["Discord:ShardCount"] = "2", ["Discord:ShardIds"] = "0" });
        await using var second = await first.StartAnotherAsync(new Dictionary<string, string?> { ["Discord:ShardCount"] = "2", ["Discord:ShardIds"] = "1" });
        var gateway = first.Discord.Gateway;

        var zero = await gateway.WaitForShardAsync(0);
        var one = await gateway.WaitForShardAsync(1);
        await Eventually.TrueAsync(() => first.Status.IsReady && second.Status.IsReady, "both hosts are ready");

        Assert.Equal([(0, 2), (1, 2)], gateway.Identifies.Select(i => i.Shard!.Value).Order());
        Assert.Equal([0], first.Status.Shards.Select(s => s.Id));
        Assert.Equal([1], second.Status.Shards.Select(s => s.Id));

        // Discord routes each server's events to its shard, whichever process holds it; DMs go to shard 0.
        var asks = new[]
        {
            await first.AskAsync(await gateway.RouteAsync(onZero), "for the server on shard 0", guildId: onZero),
            await first.AskAsync(await gateway.RouteAsync(onOne), "for the server on shard 1", guildId: onOne),
            await first.AskAsync(await gateway.RouteAsync(null), "in a DM", guildId: null),
        };
        foreach (var ask in asks)
        {
            await first.Discord.Rest.WaitForEditAsync(ask);
        }

        Assert.Same(zero, await gateway.RouteAsync(onZero));
        Assert.Same(one, await gateway.RouteAsync(onOne));
        Assert.Equal(["for the server on shard 0", "in a DM"], first.Answers.Requests.Select(r => r.Question).Order(StringComparer.Ordinal));
        Assert.All(first.Answers.Requests, r => Assert.NotEqual(onOne, r.Scope.GuildId));
        Assert.Equal(["for the server on shard 1"], second.Answers.Requests.Select(r => r.Question));
        Assert.All(second.Answers.Requests, r => Assert.Equal(onOne, r.Scope.GuildId));
    }

    [Fact]
    public async Task TwoHosts_OneShardClosedWith4011_TheOtherHostKeepsAnswering()
    {
        var onZero = ShardingTests.GuildOn(0, 2);
        await using var first = await BotHarness.StartAsync(
            d =>
            {
                d.Guilds = [onZero, ShardingTests.GuildOn(1, 2, 0), ShardingTests.GuildOn(1, 2, 1)];
                d.MaxGuildsPerShard = 1;
            },
            configuration: new Dictionary<string, string?> { ["Discord:ShardCount"] = "2", ["Discord:ShardIds"] = "0" });
        await using var second = await first.StartAnotherAsync(new Dictionary<string, string?> { ["Discord:ShardCount"] = "2", ["Discord:ShardIds"] = "1" });

        await second.WaitForStopAsync();
        var ask = await first.AskAsync(await first.Discord.Gateway.RouteAsync(onZero), "still here?", guildId: onZero);
        await first.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal([1], second.ExitCodes);
        Assert.Contains("4011", second.Status.FailureReason, StringComparison.Ordinal);
        Assert.Empty(first.ExitCodes);
        Assert.True(first.Status.IsReady);
    }
}
