using ChatBot.Health;
using ChatBot.Testing;

namespace ChatBot.Tests.Health;

/// <summary>The <c>health</c> verb's view of a sharded bot: every shard the process runs counts.</summary>
public sealed class ShardHealthTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private HealthReport CheckWith(string state, params ShardReport[] shards)
    {
        var path = work.File("chatbot.status.json");
        new BotStatus(state, Now.AddSeconds(-2), Now.AddHours(-1), Now.AddSeconds(-2), Now.AddSeconds(-10), null, Shards: shards, Probe: Answered).WriteTo(path);
        return HealthCheck.CheckBot(path, Now);
    }

    private static readonly ProbeReport Answered = new(Now.AddSeconds(-10), true, "answered \"x\" in 3 ms");

    private static ShardReport Ready(int id, int count = 2) => new(id, count, "Ready", Now.AddSeconds(-2), Now.AddSeconds(-10), null);

    [Fact]
    public void CheckBot_EveryShardReady_IsHealthyAndSaysHowMany()
    {
        var report = CheckWith("Ready", Ready(0), Ready(1));

        Assert.True(report.Healthy, report.Reason);
        Assert.Equal("connected to Discord (2 shards); last heartbeat acknowledged 10 s ago", report.Reason);
    }

    [Fact]
    public void CheckBot_OneShardStoppedForGood_IsUnhealthyNamingItAndWhy()
    {
        var failed = new ShardReport(1, 2, "Failed", Now.AddMinutes(-3), null, "Discord closed shard 1/2 with 4011 (sharding required)");

        var report = CheckWith("Degraded", Ready(0), failed);

        Assert.False(report.Healthy);
        Assert.Equal("shard 1/2 stopped for good: Discord closed shard 1/2 with 4011 (sharding required)", report.Reason);
    }

    [Fact]
    public void CheckBot_OneShardReconnectingBriefly_IsHealthy()
    {
        var report = CheckWith("Connecting", Ready(0), new ShardReport(1, 2, "Connecting", Now.AddSeconds(-30), Now.AddSeconds(-40), null));

        Assert.True(report.Healthy, report.Reason);
        Assert.Equal("shard 1/2 connecting to Discord (30 s since last ready)", report.Reason);
    }

    [Fact]
    public void CheckBot_OneShardNotReadyPastTheGrace_IsUnhealthyNamingIt()
    {
        var report = CheckWith("Connecting", Ready(0), Ready(1), new ShardReport(2, 3, "Connecting", Now.AddMinutes(-5), Now.AddMinutes(-5), null));

        Assert.False(report.Healthy);
        Assert.Equal("shard 2/3 not connected to Discord for 300 s", report.Reason);
    }

    [Fact]
    public void CheckBot_OneShardNeverReady_CountsFromStart()
    {
        var report = CheckWith("Connecting", Ready(0), new ShardReport(1, 2, "Starting", null, null, null));

        Assert.False(report.Healthy);
        Assert.Equal("shard 1/2 not connected to Discord for 3600 s", report.Reason);
    }
}
