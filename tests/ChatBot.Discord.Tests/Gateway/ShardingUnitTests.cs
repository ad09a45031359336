using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using ChatBot.Discord.Gateway;
using ChatBot.Testing;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>Sharding's pure parts: the ShardIds setting, its validation, the identify gate's buckets, and the IDENTIFY payload.</summary>
public sealed class ShardingUnitTests
{
    [Theory]
    [InlineData("", "all")]
    [InlineData("all", "all")]
    [InlineData(" ALL ", "all")]
    [InlineData("0-3", "0-3")]
    [InlineData("4,5,6", "4-6")]
    [InlineData("0-1, 8", "0-1,8")]
    [InlineData("3,1,1,2", "1-3")]
    [InlineData("7", "7")]
    public void TryParse_IdsAndRanges_ChoosesThoseShards(string text, string expected)
    {
        Assert.True(ShardSelection.TryParse(text, out var selection, out var problem), problem);
        Assert.Equal(expected, selection.ToString());
    }

    [Theory]
    [InlineData("3-1", "backwards")]
    [InlineData("a", "not a shard id")]
    [InlineData("1,,2", "empty item")]
    [InlineData("-1", "not a shard id")]
    [InlineData("0-", "not a shard id")]
    [InlineData("99999999", "not a shard id")]
    public void TryParse_Malformed_SaysWhatIsWrong(string text, string problem)
    {
        Assert.False(ShardSelection.TryParse(text, out _, out var why));
        Assert.Contains(problem, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AllOrNamed_ListsTheShardsToRun()
    {
        Assert.Equal([0, 1, 2], ShardSelection.All.Resolve(3));
        Assert.True(ShardSelection.TryParse("2,4", out var named, out _));
        Assert.Equal([2, 4], named.Resolve(8));
    }

    [Theory]
    [InlineData(null, "0-1", "needs Discord:ShardCount")]
    [InlineData(4, "2-4", "shard 4 does not exist when Discord:ShardCount is 4")]
    [InlineData(null, "x", "not a shard id")]
    public void Validate_ShardSettingsThatCannotWork_AreRefusedNamingTheSetting(int? count, string ids, string expected)
    {
        var options = new DiscordOptions { Token = "t", ShardCount = count, ShardIds = ids };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        var result = Assert.Single(results);
        Assert.Contains(expected, result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([nameof(DiscordOptions.ShardIds)], result.MemberNames);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(4, "2-3")]
    [InlineData(1, "0")]
    public void Validate_ShardSettingsThatWork_AreAccepted(int? count, string ids)
    {
        var options = new DiscordOptions { Token = "t", ShardCount = count, ShardIds = ids };
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Fact]
    public async Task IdentifyGate_MaxConcurrencyTwo_LetsOneShardPerKeyGoEveryFiveSecondsInReservedOrder()
    {
        var time = new ManualTimeProvider();
        var gate = new IdentifyGate(time, TimeSpan.FromSeconds(5), maxConcurrency: 2);
        var turns = Enumerable.Range(0, 6).Select(gate.Reserve).ToArray();
        var passed = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var waits = turns.Select(async t =>
        {
            await gate.WaitAsync(t, CancellationToken.None);
            passed.Enqueue(t.ShardId);
        }).ToArray();

        Assert.Equal([0, 1, 0, 1, 0, 1], turns.Select(t => t.Key));
        Assert.Equal([0, 1], passed.Order());

        time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Yield();
        Assert.Equal(2, passed.Count);

        time.Advance(TimeSpan.FromSeconds(0.1));
        await Eventually.TrueAsync(() => passed.Count == 4, "shards 2 and 3 identify 5 s after 0 and 1");
        Assert.Equal([0, 1, 2, 3], passed.Order());

        time.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(waits).WaitAsync(TestTimeouts.Default);
        Assert.Equal([4, 5], passed.Skip(4).Order());
    }

    [Fact]
    public async Task IdentifyGate_EarlierTurnSentLate_StillWaitsAnIntervalAfterTheLaterOne()
    {
        var time = new ManualTimeProvider();
        var gate = new IdentifyGate(time, TimeSpan.FromSeconds(5), maxConcurrency: 1);
        var first = gate.Reserve(0);
        var second = gate.Reserve(1);

        // Shard 1's socket opened first; it identifies at its turn, and shard 0 (whose HELLO came late) waits for the key.
        time.Advance(TimeSpan.FromSeconds(5));
        await gate.WaitAsync(second, CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Default);
        time.Advance(TimeSpan.FromSeconds(1));
        var late = gate.WaitAsync(first, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(3.9));
        await Task.Yield();
        Assert.False(late.IsCompleted, "two IDENTIFYs on one key less than 5 s apart");

        time.Advance(TimeSpan.FromSeconds(0.1));
        await late.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public void IdentifyGate_ReservedAfterAQuietSpell_GoesAtOnce()
    {
        var time = new ManualTimeProvider();
        var gate = new IdentifyGate(time, TimeSpan.FromSeconds(5), maxConcurrency: 1);
        _ = gate.Reserve(0);
        time.Advance(TimeSpan.FromMinutes(1));

        var turn = gate.Reserve(0);

        Assert.Equal(time.GetTimestamp(), turn.Due);
        Assert.True(gate.WaitAsync(turn, CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task IdentifyGate_RefusedWhileAShardWaits_LetsNoFurtherIdentifyThrough()
    {
        var time = new ManualTimeProvider();
        var gate = new IdentifyGate(time, TimeSpan.FromSeconds(5), maxConcurrency: 1);
        Assert.True(await gate.WaitAsync(gate.Reserve(0), CancellationToken.None));
        var waiting = gate.WaitAsync(gate.Reserve(1), CancellationToken.None).AsTask();

        gate.Refuse("Discord closed the gateway with 4014");
        gate.Refuse("a later reason");
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(await waiting.WaitAsync(TestTimeouts.Default));
        Assert.False(await gate.WaitAsync(gate.Reserve(2), CancellationToken.None));
        Assert.Equal("Discord closed the gateway with 4014", gate.RefusedBecause);
    }

    [Fact]
    public void Identify_Shard_CarriesShardIdAndCount()
    {
        var identify = JsonNode.Parse(GatewayEncoder.Identify("token", GatewayIntents.None, 2, 4))!;

        Assert.Equal("[2,4]", identify["d"]!["shard"]!.ToJsonString());
        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayEncoder.Identify("token", GatewayIntents.None, 4, 4));
    }
}
