using System.Text.Json;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>The command slots and the dispatch pump on their own (issue 10 A, C): bounded, and honest about being stuck.</summary>
public sealed class CommandGateTests : IDisposable
{
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly LogCollector logs = new();

    public void Dispose() => logs.Dispose();

    [Fact]
    public void TryReserve_SlotsAndQueueTaken_RefusesAndLogsTheBurstOnce()
    {
        using var gate = Gate(slots: 2);
        var tickets = Enumerable.Range(0, gate.Limit).Select(_ => gate.TryReserve()).ToList();

        var refused = Enumerable.Range(0, 5).Select(_ => gate.TryReserve()).ToList();
        tickets[0]!.Dispose();
        var again = gate.TryReserve();

        Assert.Equal(10, gate.Limit);
        Assert.All(tickets, t => Assert.NotNull(t));
        Assert.All(refused, t => Assert.Null(t));
        Assert.NotNull(again);
        Assert.Single(logs.Lines, l => l.EventId.Id == 4012);
        Assert.Contains("5 were refused", Assert.Single(logs.Lines, l => l.EventId.Id == 4013).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StalledSince_AllSlotsBusyWithNoneFinishing_IsWhenTheyFilledUntilOneFinishes()
    {
        using var gate = Gate(slots: 2);
        var release = new[] { new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        Start(gate, release[0]);
        await Eventually.TrueAsync(() => gate.Busy == 1, "one question runs");
        Assert.Null(gate.StalledSince);

        time.Advance(TimeSpan.FromSeconds(5));
        var filled = time.GetUtcNow();
        Start(gate, release[1]);
        Start(gate, release[2]);
        await Eventually.TrueAsync(() => gate.Busy == 2 && gate.Waiting == 1, "both slots busy and one question waiting");
        time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(filled, gate.StalledSince);
        release[0].SetResult();
        await Eventually.TrueAsync(() => gate.Waiting == 0, "the waiting question took the free slot");
        Assert.Equal(time.GetUtcNow(), gate.StalledSince);
        release[1].SetResult();
        await Eventually.TrueAsync(() => gate.Busy == 1, "a slot is free");
        Assert.Null(gate.StalledSince);
        release[2].SetResult();
        await gate.CompleteAsync().WaitAsync(TestTimeouts.Default);
        Assert.Equal(0, gate.InFlight);
        Assert.Null(gate.TryReserve());
    }

    [Fact]
    public async Task Offer_QueueFull_DropsWithOneLogLineAndNeverBlocksTheReceiveLoop()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new BlockingHandler(release.Task);
        using var pump = new DispatchPump([handler], [], new DispatchLimits { QueueCapacity = 3, Workers = 1 }, time, logs.CreateLogger<DispatchPump>());
        pump.Start();

        pump.Offer(Dispatch("MESSAGE_CREATE"));
        await Eventually.TrueAsync(() => handler.Started == 1, "the worker holds the first dispatch");
        for (var i = 0; i < 10; i++)
        {
            pump.Offer(Dispatch("MESSAGE_CREATE"));
            pump.Offer(Dispatch("TYPING_START"));
        }

        Assert.Equal(3, pump.Queued);
        Assert.Single(logs.Lines, l => l.EventId.Id == 2023);
        release.SetResult();
        await Eventually.TrueAsync(() => handler.Started == 4, "the queued dispatches ran");
        pump.Offer(Dispatch("MESSAGE_CREATE"));
        await Eventually.TrueAsync(() => handler.Started == 5, "the queue takes dispatches again");
        Assert.Contains("7 dispatches were dropped", Assert.Single(logs.Lines, l => l.EventId.Id == 2024).Message, StringComparison.Ordinal);
        await pump.DrainAsync(TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TestTimeouts.Default);
    }

    private CommandGate Gate(int slots)
        => new(Options.Create(new DiscordOptions { Token = "x", MaxConcurrentCommands = slots }), time, logs.CreateLogger<CommandGate>());

    private static void Start(CommandGate gate, TaskCompletionSource release)
        => gate.TryReserve()!.Start(_ => release.Task, CancellationToken.None);

    private static GatewayDispatch Dispatch(string name) => new(name, JsonDocument.Parse("{}").RootElement.Clone(), 1, 0);

    private sealed class BlockingHandler(Task release) : IDispatchHandler
    {
        private int started;

        public int Started => Volatile.Read(ref started);

        public string EventName => "MESSAGE_CREATE";

        public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref started);
            await release;
        }
    }
}
