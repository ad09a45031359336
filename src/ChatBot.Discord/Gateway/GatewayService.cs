using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Keeps one gateway session alive (§1.12): discovers the URL, connects, and after each connection ends
/// decides from its outcome whether to resume on the resume URL, identify on the cached URL (after 1–5 s for
/// op 9), back off, or stop for good. Connections run strictly one after another. On shutdown it stops taking
/// interactions, lets those in flight finish (bounded), then closes the gateway with 1000.
/// </summary>
internal sealed class GatewayService(
    IServiceScopeFactory scopes,
    IOptions<DiscordOptions> options,
    GatewayTimings timings,
    TimeProvider time,
    DispatchPump pump,
    GatewayStatus status,
    FatalStop fatal,
    IGatewaySocketFactory sockets,
    ILogger<GatewayService> logger) : BackgroundService
{
    /// <summary>After this many failed resume attempts in a row, the session is given up for a fresh IDENTIFY.</summary>
    public const int MaxResumeFailures = 3;

    private GatewayBotInfo? gateway;
    private int identifiesLeft;
    private long lastIdentifyAt;
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
        // Before any request: the last run stopped for good with this token, and nothing has changed since.
        if (fatal.Recorded(options.Value.Token) is { } recorded)
        {
            fatal.Stop(recorded);
            return;
        }

        pump.Start();
        var settings = new GatewayConnectionSettings(options.Value.Token, pump.Intents, timings, time, pump.Offer, status, logger);
        GatewaySession? session = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Uri target;
                if (session is null)
                {
                    var ready = await PrepareIdentifyAsync(stoppingToken);
                    if (ready is null)
                    {
                        return;
                    }

                    if (ready is false)
                    {
                        failures++;
                        await WaitAsync(timings.Backoff(failures), "gateway discovery failed", stoppingToken);
                        continue;
                    }

                    target = GatewayUri.WithQuery(gateway!.Url);
                }
                else
                {
                    target = GatewayUri.WithQuery(session.ResumeUrl);
                }

                var id = ++connections;
                status.Connecting();
                GatewayLog.Connecting(logger, id, target.Authority, target.AbsolutePath, session is null ? "identify" : "resume");
                WebSocket socket;
                try
                {
                    socket = await sockets.ConnectAsync(target, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is WebSocketException or HttpRequestException or OperationCanceledException)
                {
                    failures++;
                    GatewayLog.ConnectFailed(logger, e.Message, failures);
                    session = AbandonIfFailing(session, failures);
                    await WaitAsync(timings.Backoff(failures), "connect failed", stoppingToken);
                    continue;
                }

                ConnectionResult result;
                await using (var connection = new GatewayConnection(socket, settings, id, session))
                {
                    result = await connection.RunAsync(stoppingToken);
                }

                if (result.Identified)
                {
                    lastIdentifyAt = time.GetTimestamp();
                    identifiesLeft--;
                }

                failures = result.ReachedReady ? 0 : failures + 1;
                session = AbandonIfFailing(result.Session, failures);
                switch (result.Outcome.End)
                {
                    case ConnectionEnd.Fatal:
                        fatal.StopAndRecord(
                            $"Discord closed the gateway with {result.Outcome.CloseCode} ({GatewayCloseCodes.Describe(result.Outcome.CloseCode)}); not reconnecting",
                            result.Outcome.CloseCode,
                            options.Value.Token);
                        return;
                    case ConnectionEnd.Shutdown:
                        return;
                    case ConnectionEnd.InvalidSession:
                        await WaitAsync(timings.InvalidSessionDelay(), result.Outcome.Reason, stoppingToken);
                        break;
                    default:
                        break;
                }

                if (failures > 0)
                {
                    await WaitAsync(timings.Backoff(failures), result.Outcome.Reason, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping while we waited to reconnect; there is no socket to close.
        }
    }

    /// <summary>
    /// Before every IDENTIFY: refresh <c>GET /gateway/bot</c> (URL and session-start budget), stop when the
    /// budget is spent, and pace identifies. Returns true to connect, false to back off and retry, null to stop.
    /// </summary>
    private async Task<bool?> PrepareIdentifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var info = await scope.ServiceProvider.GetRequiredService<DiscordRestClient>().GetGatewayBotAsync(cancellationToken);
            _ = GatewayUri.WithQuery(info.Url);
            gateway = info;
            identifiesLeft = info.SessionStartLimit.Remaining;
        }
        catch (DiscordRestException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            fatal.StopAndRecord("Discord rejected the bot token (401 on GET /gateway/bot); set Discord__Token to the token from the developer portal", null, options.Value.Token);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or DiscordRestException or JsonException or FormatException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            GatewayLog.DiscoveryFailed(logger, e.Message);
            if (gateway is null)
            {
                return false;
            }
        }

        var limit = gateway.SessionStartLimit;
        if (identifiesLeft <= 0)
        {
            fatal.Stop($"no session starts (IDENTIFY) left of {limit.Total} today; they reset in {TimeSpan.FromMilliseconds(limit.ResetAfter)}. Stopping instead of looping");
            return null;
        }

        if (identifiesLeft <= Math.Max(10, limit.Total / 10))
        {
            GatewayLog.IdentifyBudgetLow(logger, identifiesLeft, limit.Total, TimeSpan.FromMilliseconds(limit.ResetAfter));
        }

        if (lastIdentifyAt != 0)
        {
            var interval = timings.IdentifyInterval / Math.Max(1, limit.MaxConcurrency);
            var since = time.GetElapsedTime(lastIdentifyAt);
            if (since < interval)
            {
                await WaitAsync(interval - since, "identify pacing", cancellationToken);
            }
        }

        return true;
    }

    /// <summary>A resume that keeps failing (host down, connection dropped before RESUMED) is given up: the session has likely expired.</summary>
    private GatewaySession? AbandonIfFailing(GatewaySession? session, int failures)
    {
        if (session is null || failures < MaxResumeFailures)
        {
            return session;
        }

        GatewayLog.ResumeAbandoned(logger, failures);
        return null;
    }

    private async Task WaitAsync(TimeSpan delay, string reason, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        GatewayLog.Waiting(logger, (long)delay.TotalMilliseconds, reason);
        await Task.Delay(delay, time, cancellationToken);
    }
}
