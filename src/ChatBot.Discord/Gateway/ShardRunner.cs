using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Gateway;

/// <summary>How a shard's runner ended.</summary>
internal enum ShardEnd
{
    /// <summary>The host is stopping.</summary>
    Shutdown,

    /// <summary>This shard stopped for good (4010, 4011, refused intents); the others may run on.</summary>
    Failed,

    /// <summary>The whole bot stopped for good (<see cref="FatalStop"/> has logged why).</summary>
    ProcessStopped,
}

/// <summary>
/// Keeps one shard's session alive, after discord.js's state machine, with its own session, sequence, resume URL,
/// failure count and backoff: after each connection ends it decides from the outcome whether to resume on the resume
/// URL, identify on the gateway URL (after 1–5 s for op 9), back off, stop this shard, or stop the bot
/// (https://discord.com/developers/docs/events/gateway#resuming). Its connections run strictly one after another;
/// other shards' runners run beside it and never touch its state. Each new connection after the first counts as a
/// reconnect with the reason the last one ended, and each RESUME attempt counts with its result.
/// </summary>
internal sealed class ShardRunner(
    ShardStatus shard,
    GatewayConnectionSettings settings,
    IdentifyGate gate,
    GatewayDiscovery discovery,
    IGatewaySocketFactory sockets,
    FatalStop fatal,
    bool countFromDiscord,
    Func<int> nextConnectionId)
{
    /// <summary>After this many failed resume attempts in a row, the session is given up for a fresh IDENTIFY.</summary>
    public const int MaxResumeFailures = 3;

    private ILogger Logger => settings.Logger;

    /// <param name="firstTurn">The place in the identify queue reserved for this shard at start.</param>
    public async Task<ShardEnd> RunAsync(IdentifyTurn firstTurn, CancellationToken stoppingToken)
    {
        GatewaySession? session = null;
        IdentifyTurn? turn = firstTurn;
        var failures = 0;
        ConnectionOutcome? lastEnd = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (fatal.HasStopped)
                {
                    return ShardEnd.ProcessStopped;
                }

                Uri target;
                var permitted = false;
                if (session is null)
                {
                    if (gate.RefusedBecause is { } refused)
                    {
                        GatewayLog.IdentifyRefused(Logger, shard.Name, refused);
                        shard.Failed(refused);
                        return ShardEnd.Failed;
                    }

                    switch (await discovery.PermitIdentifyAsync(settings.Token, stoppingToken))
                    {
                        case IdentifyPermit.Stop:
                            return ShardEnd.ProcessStopped;
                        case IdentifyPermit.Retry:
                            failures++;
                            await WaitAsync(settings.Timings.Backoff(failures), "gateway discovery failed", stoppingToken);
                            continue;
                        default:
                            permitted = true;
                            target = GatewayUri.WithQuery(discovery.Info!.Url);
                            break;
                    }
                }
                else
                {
                    target = GatewayUri.WithQuery(session.ResumeUrl);
                }

                var id = nextConnectionId();
                if (lastEnd is not null)
                {
                    settings.Metrics.GatewayReconnect(shard.Id, lastEnd.MetricReason);
                }

                shard.Connecting();
                GatewayLog.Connecting(Logger, shard.Name, id, target.Authority, target.AbsolutePath, session is null ? "identify" : "resume");
                WebSocket socket;
                try
                {
                    socket = await sockets.ConnectAsync(target, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is WebSocketException or HttpRequestException or OperationCanceledException)
                {
                    if (permitted)
                    {
                        discovery.Unused();
                    }

                    failures++;
                    GatewayLog.ConnectFailed(Logger, shard.Name, e.Message, failures);
                    lastEnd = new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.ConnectFailed, "connect failed");
                    session = ResumeFailed(session, AbandonIfFailing(session, failures));
                    await WaitAsync(settings.Timings.Backoff(failures), "connect failed", stoppingToken);
                    continue;
                }

                ConnectionResult result;
                await using (var connection = new GatewayConnection(socket, settings, shard, gate, id, session, session is null ? turn : null))
                {
                    result = await connection.RunAsync(stoppingToken);
                }

                if (result.Identified)
                {
                    turn = null;
                }
                else if (permitted)
                {
                    discovery.Unused();
                }

                failures = result.ReachedReady ? 0 : failures + 1;
                var next = AbandonIfFailing(result.Session, failures);
                session = result.ReachedReady ? next : ResumeFailed(session, next);
                var outcome = result.Outcome;
                lastEnd = outcome;
                switch (outcome.End)
                {
                    case ConnectionEnd.Fatal:
                        fatal.StopAndRecord(
                            $"Discord closed the gateway with {outcome.CloseCode} ({GatewayCloseCodes.Describe(outcome.CloseCode)}); not reconnecting",
                            outcome.CloseCode,
                            settings.Token);
                        return ShardEnd.ProcessStopped;
                    case ConnectionEnd.IdentifyRefused:
                        RefuseIdentify(outcome);
                        shard.Failed(gate.RefusedBecause!);
                        return ShardEnd.Failed;
                    case ConnectionEnd.ShardFatal:
                        var reason = await ShardFatalReasonAsync(outcome.CloseCode, stoppingToken);
                        GatewayLog.ShardFailed(Logger, shard.Name, reason);
                        shard.Failed(reason);
                        return ShardEnd.Failed;
                    case ConnectionEnd.Shutdown:
                        return ShardEnd.Shutdown;
                    case ConnectionEnd.InvalidSession:
                        await WaitAsync(settings.Timings.InvalidSessionDelay(), outcome.Reason, stoppingToken);
                        break;
                    default:
                        break;
                }

                if (failures > 0)
                {
                    await WaitAsync(settings.Timings.Backoff(failures), outcome.Reason, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping while this shard waited to reconnect; there is no socket to close.
        }

        return ShardEnd.Shutdown;
    }

    /// <summary>
    /// 4013/4014: the intents every shard sends were refused. Recorded at once (a restart would identify every shard
    /// and be refused the same way), and no shard identifies again; shards holding a session keep it meanwhile.
    /// </summary>
    private void RefuseIdentify(ConnectionOutcome outcome)
    {
        if (gate.RefusedBecause is not null || outcome.CloseCode is null)
        {
            return;
        }

        var line = fatal.Record(
            $"Discord closed the gateway with {outcome.CloseCode} ({GatewayCloseCodes.Describe(outcome.CloseCode)}); not reconnecting",
            outcome.CloseCode,
            settings.Token);
        gate.Refuse(line);
        GatewayLog.IdentifyRefused(Logger, shard.Name, line);
    }

    /// <summary>What an operator must do about 4010 or 4011 on this shard, with the count Discord recommends now.</summary>
    private async Task<string> ShardFatalReasonAsync(int? code, CancellationToken stoppingToken)
    {
        var closed = $"Discord closed shard {shard.Name} with {code} ({GatewayCloseCodes.Describe(code)})";
        if (code != GatewayCloseCodes.ShardingRequired)
        {
            return $"{closed}; check Discord:ShardCount and Discord:ShardIds";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.Timings.ConnectTimeout);
        bool refreshed;
        try
        {
            refreshed = await discovery.RefreshAsync(settings.Token, timeout.Token) is true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Discord did not answer in time; the advice goes without the count it recommends.
            refreshed = false;
        }

        var recommended = discovery.Info?.Shards ?? 0;
        return !refreshed || recommended <= shard.Count
            ? $"{closed}; run more shards (Discord:ShardCount)"
            : countFromDiscord
                ? $"{closed}; Discord now recommends {recommended} shards: restart the bot to use them"
                : $"{closed}; Discord recommends {recommended} shards: raise Discord:ShardCount in every process";
    }

    /// <summary>A resume that keeps failing (host down, connection dropped before RESUMED) is given up: the session has likely expired.</summary>
    private GatewaySession? AbandonIfFailing(GatewaySession? session, int failures)
    {
        if (session is null || failures < MaxResumeFailures)
        {
            return session;
        }

        GatewayLog.ResumeAbandoned(Logger, shard.Name, failures);
        return null;
    }

    /// <summary>
    /// Counts a RESUME attempt with <paramref name="tried"/> that never reached RESUMED (the connection counts those that
    /// did, when they do): tried again, or given up for a new session. Returns <paramref name="next"/>, the session the shard goes on with.
    /// </summary>
    private GatewaySession? ResumeFailed(GatewaySession? tried, GatewaySession? next)
    {
        if (tried is not null)
        {
            settings.Metrics.GatewayResume(shard.Id, next is null ? "new_session" : "retry");
        }

        return next;
    }

    private async Task WaitAsync(TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        GatewayLog.Waiting(Logger, shard.Name, (long)delay.TotalMilliseconds, reason);
        await Task.Delay(delay, settings.Time, cancellationToken);
    }
}
