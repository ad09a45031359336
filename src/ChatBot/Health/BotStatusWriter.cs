using ChatBot.Discord;
using ChatBot.Search.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Health;

/// <summary>
/// Keeps the bot's status file fresh: every few seconds, and as it stops, it writes the gateway's state and the
/// command slots' and the last probe question's outcome for the <c>health</c> verb. Freshness itself is a signal: a file that stops changing means the bot is gone.
/// </summary>
public sealed partial class BotStatusWriter(
    IGatewayStatus gateway,
    ICommandSlotsStatus slots,
    IOptions<IndexOptions> options,
    TimeProvider time,
    ILogger<BotStatusWriter> logger,
    IndexProbe? probe = null)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly string path = BotStatus.PathFor(options.Value);
    private readonly DateTimeOffset startedAt = time.GetUtcNow();
    private readonly Dictionary<int, DateTimeOffset> shardReadyAt = [];
    private DateTimeOffset? lastReadyAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            Write();
        }
        while (await Tick(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Write();
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Write()
    {
        var now = time.GetUtcNow();
        var state = gateway.State;
        if (state == GatewayState.Ready)
        {
            lastReadyAt = now;
        }

        try
        {
            var commands = new CommandSlots(slots.Capacity, slots.Busy, slots.Waiting, slots.StalledSince);
            new BotStatus(state.ToString(), now, startedAt, lastReadyAt, gateway.LastHeartbeatAck, gateway.FailureReason, commands, Shards(now), probe?.Last).WriteTo(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            StatusNotWritten(logger, path, e.Message);
        }
    }

    private List<ShardReport> Shards(DateTimeOffset now)
    {
        var reports = new List<ShardReport>();
        foreach (var shard in gateway.Shards)
        {
            if (shard.State == GatewayState.Ready)
            {
                shardReadyAt[shard.Id] = now;
            }

            DateTimeOffset? readyAt = shardReadyAt.TryGetValue(shard.Id, out var at) ? at : null;
            reports.Add(new ShardReport(shard.Id, shard.Count, shard.State.ToString(), readyAt, shard.LastHeartbeatAck, shard.FailureReason));
        }

        return reports;
    }

    [LoggerMessage(5001, LogLevel.Warning, "Cannot write the status file {Path}: {Reason}")]
    private static partial void StatusNotWritten(ILogger logger, string path, string reason);
}
