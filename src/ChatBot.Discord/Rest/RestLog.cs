using System.Net;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Rest;

/// <summary>REST log lines (event ids 3000–3099). Routes are templates: no id or token ever appears.</summary>
internal static partial class RestLog
{
    [LoggerMessage(3001, LogLevel.Debug, "Waiting {DelayMs} ms for the rate-limit bucket of {Route}")]
    public static partial void WaitingForBucket(ILogger logger, string route, long delayMs);

    [LoggerMessage(3002, LogLevel.Warning, "Rate limited on {Route} ({Scope}, global: {Global}); retrying once after {RetryAfterMs} ms")]
    public static partial void RateLimited(ILogger logger, string route, string scope, bool global, long retryAfterMs);

    [LoggerMessage(3003, LogLevel.Error, "Rate limited on {Route} again or for too long ({RetryAfterMs} ms); giving up on this request")]
    public static partial void RateLimitGivenUp(ILogger logger, string route, long retryAfterMs);

    [LoggerMessage(3004, LogLevel.Error, "Discord rejected the bot token (401 on {Route}); every further bot request is stopped. Check Discord__Token.")]
    public static partial void Unauthorized(ILogger logger, string route);

    [LoggerMessage(3005, LogLevel.Warning, "Transient failure on {Route} ({Reason}); retrying once")]
    public static partial void TransientRetry(ILogger logger, string route, string reason);

    [LoggerMessage(3006, LogLevel.Warning, "{InvalidCount} invalid requests (401/403/429) in the last 10 minutes; Cloudflare bans at 10,000")]
    public static partial void InvalidRequests(ILogger logger, int invalidCount);

    [LoggerMessage(3008, LogLevel.Error, "{InvalidCount} invalid requests (401/403/429) in the last 10 minutes: {Stopped} stopped to stay clear of Cloudflare's ban")]
    public static partial void BreakerOpened(ILogger logger, int invalidCount, string stopped);

    [LoggerMessage(3009, LogLevel.Information, "Invalid requests down to {InvalidCount} in the last 10 minutes: every request is sent again")]
    public static partial void BreakerClosed(ILogger logger, int invalidCount);

    [LoggerMessage(3010, LogLevel.Warning, "Channel {ChannelId}: Discord answered 403 to {Route}; not posting there for {Minutes} minutes")]
    public static partial void ChannelForbidden(ILogger logger, ulong channelId, string route, long minutes);

    [LoggerMessage(3007, LogLevel.Debug, "{Method} {Route} answered {Status} in {ElapsedMs} ms")]
    public static partial void Request(ILogger logger, string method, string route, HttpStatusCode status, long elapsedMs);
}
