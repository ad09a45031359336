using System.Net;
using System.Text.Json;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Gateway;

/// <summary>What a shard may do about an IDENTIFY it wants to send.</summary>
internal enum IdentifyPermit
{
    /// <summary>Go ahead: one session start is counted against the day's budget.</summary>
    Granted,

    /// <summary><c>GET /gateway/bot</c> failed and nothing is cached yet: back off and ask again.</summary>
    Retry,

    /// <summary>The bot has stopped for good (the token was rejected, or no session starts are left).</summary>
    Stop,
}

/// <summary>
/// <c>GET /gateway/bot</c> (https://discord.com/developers/docs/events/gateway#get-gateway-bot) for the whole process: the gateway URL fresh connects use, the recommended shard
/// count, <c>max_concurrency</c>, and the day's session-start budget, which every shard of the process spends. Before
/// an IDENTIFY a shard asks for a permit; the answer is refreshed when older than
/// <see cref="GatewayTimings.DiscoveryMaxAge"/> (so shards identifying together share one request), and the budget is
/// counted down per IDENTIFY in between, never allowed below zero.
/// </summary>
internal sealed class GatewayDiscovery(
    IServiceScopeFactory scopes,
    FatalStop fatal,
    GatewayTimings timings,
    TimeProvider time,
    ILogger<GatewayDiscovery> logger) : IDisposable
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Lock sync = new();
    private GatewayBotInfo? info;
    private long fetchedAt;
    private int identifiesLeft;

    /// <summary>The latest answer; null until one arrived.</summary>
    public GatewayBotInfo? Info
    {
        get
        {
            lock (sync)
            {
                return info;
            }
        }
    }

    /// <summary>Asks Discord now. False when it failed and nothing is cached; null when the token was rejected (the bot has stopped).</summary>
    public async Task<bool?> RefreshAsync(string token, CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fresh = await scope.ServiceProvider.GetRequiredService<DiscordRestClient>().GetGatewayBotAsync(cancellationToken);
            _ = GatewayUri.WithQuery(fresh.Url);
            lock (sync)
            {
                info = fresh;
                fetchedAt = time.GetTimestamp();
                identifiesLeft = fresh.SessionStartLimit.Remaining;
            }

            return true;
        }
        catch (DiscordRestException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
        {
            fatal.StopAndRecord("Discord rejected the bot token (401 on GET /gateway/bot); set Discord__Token to the token from the developer portal", null, token);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or DiscordRestException or JsonException or FormatException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            GatewayLog.DiscoveryFailed(logger, e.Message);
            return Info is not null;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>
    /// Before every IDENTIFY: refreshes a stale answer, then counts one session start, or stops the bot when none are
    /// left (looping on IDENTIFY gets the token reset: https://discord.com/developers/docs/events/gateway#identifying).
    /// </summary>
    public async Task<IdentifyPermit> PermitIdentifyAsync(string token, CancellationToken cancellationToken)
    {
        bool stale;
        lock (sync)
        {
            stale = info is null || time.GetElapsedTime(fetchedAt) >= timings.DiscoveryMaxAge;
        }

        if (stale)
        {
            var refreshed = await RefreshAsync(token, cancellationToken);
            if (refreshed is not true)
            {
                return refreshed is null ? IdentifyPermit.Stop : IdentifyPermit.Retry;
            }
        }

        SessionStartLimit limit;
        int left;
        lock (sync)
        {
            limit = info!.SessionStartLimit;
            left = identifiesLeft;
            if (left > 0)
            {
                identifiesLeft--;
            }
        }

        if (left <= 0)
        {
            fatal.Stop($"no session starts (IDENTIFY) left of {limit.Total} today; they reset in {TimeSpan.FromMilliseconds(limit.ResetAfter)}. Stopping instead of looping");
            return IdentifyPermit.Stop;
        }

        if (left <= Math.Max(10, limit.Total / 10))
        {
            GatewayLog.IdentifyBudgetLow(logger, left, limit.Total, TimeSpan.FromMilliseconds(limit.ResetAfter));
        }

        return IdentifyPermit.Granted;
    }

    /// <summary>A permit whose connection never sent IDENTIFY (it failed before HELLO) gives its session start back.</summary>
    public void Unused()
    {
        lock (sync)
        {
            identifiesLeft++;
        }
    }

    public void Dispose() => refreshing.Dispose();
}
