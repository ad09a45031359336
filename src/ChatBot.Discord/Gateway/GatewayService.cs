using ChatBot.Discord.Foundation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Runs this process's shards (https://discord.com/developers/docs/events/gateway#sharding): asks <c>GET /gateway/bot</c> how many shards there are (unless
/// <c>Discord:ShardCount</c> says) and how many may identify at once, then runs one <see cref="ShardRunner"/> per shard
/// named by <c>Discord:ShardIds</c>, each with its own connection, session and backoff, their first IDENTIFYs reserved
/// in id order so buckets start 0, 1, 2, …, 5 s apart. A shard that stops for good leaves the others running; when
/// every shard has stopped for good, the bot stops with exit code 1. On shutdown it stops taking interactions, lets
/// those in flight finish (bounded), then closes every shard with 1000.
/// </summary>
internal sealed class GatewayService(
    IOptions<DiscordOptions> options,
    GatewayTimings timings,
    TimeProvider time,
    DispatchPump pump,
    GatewayStatus status,
    GatewayDiscovery discovery,
    FatalStop fatal,
    IGatewaySocketFactory sockets,
    DiscordMetrics metrics,
    ILogger<GatewayService> logger) : BackgroundService
{
    private int connections;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        GatewayLog.ShuttingDown(logger, pump.InFlight);
        await pump.DrainAsync(timings.ShutdownDrain, cancellationToken);
        await base.StopAsync(cancellationToken);
        status.Stopped();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // Before any request: the last run stopped for good with this token, and nothing has changed since.
        if (fatal.Recorded(settings.Token) is { } recorded)
        {
            fatal.Stop(recorded);
            return;
        }

        pump.Start();
        status.Connecting();
        try
        {
            if (!await DiscoverAsync(settings.Token, stoppingToken))
            {
                return;
            }

            var info = discovery.Info!;
            var count = settings.ShardCount ?? Math.Max(1, info.Shards);
            var shards = status.Plan(count, settings.Shards.Resolve(count));
            var gate = new IdentifyGate(time, timings.IdentifyInterval, info.SessionStartLimit.MaxConcurrency);
            GatewayLog.ShardsPlanned(logger, settings.Shards.IsAll ? "all" : settings.Shards.ToString(), count, info.Shards, gate.MaxConcurrency);

            // Reserved here, in id order, so the first IDENTIFYs go bucket by bucket whichever socket opens first.
            var turns = shards.Select(s => gate.Reserve(s.Id)).ToArray();
            var connection = new GatewayConnectionSettings(settings.Token, pump.Intents, timings, time, pump.Offer, status, metrics, logger);
            var ends = await Task.WhenAll(shards.Select((shard, i) =>
                new ShardRunner(shard, connection, gate, discovery, sockets, fatal, settings.ShardCount is null, () => Interlocked.Increment(ref connections))
                    .RunAsync(turns[i], stoppingToken)));

            if (!stoppingToken.IsCancellationRequested && !fatal.HasStopped && ends.Contains(ShardEnd.Failed))
            {
                fatal.Stop(gate.RefusedBecause ?? AllStopped(shards));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping while we waited for Discord; there is no socket to close.
        }
    }

    /// <summary>The first <c>GET /gateway/bot</c>, retried with backoff; false when the bot has stopped (the token was rejected).</summary>
    private async Task<bool> DiscoverAsync(string token, CancellationToken stoppingToken)
    {
        for (var failures = 1; ; failures++)
        {
            switch (await discovery.RefreshAsync(token, stoppingToken))
            {
                case true:
                    return true;
                case null:
                    return false;
                default:
                    var delay = timings.Backoff(failures);
                    GatewayLog.DiscoveryWaiting(logger, (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, time, stoppingToken);
                    break;
            }
        }
    }

    private static string AllStopped(IReadOnlyList<ShardStatus> shards)
        => shards.Count == 1
            ? $"{shards[0].FailureReason}; not reconnecting"
            : "every shard of this process stopped for good: " + string.Join("; ", shards.Select(s => s.FailureReason ?? $"shard {s.Name} stopped"));
}
