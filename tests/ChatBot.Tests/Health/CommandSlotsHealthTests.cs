using ChatBot.Discord;
using ChatBot.Health;
using ChatBot.Search.Store;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Health;

/// <summary>Health tells the truth (issue 10 C): a connected bot whose command slots are all stuck is unhealthy.</summary>
public sealed class CommandSlotsHealthTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory work = new();
    private readonly IndexOptions options;

    // Only the bot's half of the check is judged here (HealthCheck.CheckBot), so no index is needed.
    public CommandSlotsHealthTests() => options = new IndexOptions { DatabasePath = work.File("data/chatbot.db") };

    public void Dispose() => work.Dispose();

    [Fact]
    public void Check_AllSlotsBusyWithNoneFinishingForAMinute_IsUnhealthySayingSo()
    {
        var report = CheckWith(new CommandSlots(32, 32, 128, Now.AddSeconds(-75)));

        Assert.False(report.Healthy);
        Assert.Equal("all 32 command slots busy with none finishing for 75 s (128 questions waiting)", report.Reason);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(null)]
    public void Check_SlotsBusyBriefly_OrFree_IsHealthy(int? stalledSeconds)
    {
        var report = CheckWith(new CommandSlots(32, stalledSeconds is null ? 3 : 32, 0, stalledSeconds is { } s ? Now.AddSeconds(-s) : null));

        Assert.True(report.Healthy, report.Reason);
    }

    [Fact]
    public async Task Writer_WritesTheSlotsForTheHealthVerb()
    {
        var clock = new ManualTimeProvider(Now);
        var slots = new Slots { StalledSince = Now.AddMinutes(-2) };
        var writer = new BotStatusWriter(new Gateway(), slots, Options.Create(options), clock, NullLogger<BotStatusWriter>.Instance);

        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
        var status = BotStatus.ReadFrom(BotStatus.PathFor(options))!;

        Assert.Equal(new CommandSlots(4, 4, 20, Now.AddMinutes(-2)), status.Commands);
        Assert.Contains("all 4 command slots busy", HealthCheck.CheckBot(BotStatus.PathFor(options), Now).Reason, StringComparison.Ordinal);
    }

    private HealthReport CheckWith(CommandSlots slots)
    {
        new BotStatus("Ready", Now.AddSeconds(-3), Now.AddHours(-1), Now.AddSeconds(-3), Now.AddSeconds(-20), null, slots, Probe: new ProbeReport(Now.AddSeconds(-10), true, "answered \"x\" in 3 ms")).WriteTo(BotStatus.PathFor(options));
        return HealthCheck.CheckBot(BotStatus.PathFor(options), Now);
    }

    private sealed class Slots : ICommandSlotsStatus
    {
        public int Capacity => 4;

        public int Busy => 4;

        public int Waiting => 20;

        public DateTimeOffset? StalledSince { get; init; }
    }

    private sealed class Gateway : IGatewayStatus
    {
        public GatewayState State => GatewayState.Ready;

        public DateTimeOffset? ReadySince => Now.AddHours(-1);

        public DateTimeOffset? LastHeartbeatAck => Now.AddSeconds(-10);

        public TimeSpan? Latency => TimeSpan.FromMilliseconds(40);

        public ulong? ApplicationId => 1;

        public string? FailureReason => null;
    }
}
