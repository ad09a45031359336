using System.Net;
using System.Text.Json;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Keeps the REST client inside Discord's limits (https://discord.com/developers/docs/topics/rate-limits). Bot and webhook requests queue per bucket (hash +
/// major parameter) and wait out an exhausted bucket using <c>X-RateLimit-Reset-After</c>; bot requests also
/// share the global 50/s. Interaction callbacks skip every queue so the 3-second acknowledgement never waits
/// behind other traffic. A 429 is retried once after its <c>retry_after</c>, never in a loop; a 401 on a bot
/// request stops all further bot requests. Invalid requests (401, 403, 429) feed a breaker that stops requests
/// that can wait, then all, well before Cloudflare's ban; a 403 on a channel keeps the bot from posting there for
/// a while. Requests held back throw <see cref="DiscordRestException"/> with <see cref="DiscordRestException.Sent"/> false.
/// </summary>
internal sealed class RateLimitHandler(RateLimitState state, ILogger<RateLimitHandler> logger, DiscordMetrics? metrics = null) : DelegatingHandler
{
    /// <summary>A 429 asking for a longer wait than this is returned to the caller instead of held.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = request.Options.TryGetValue(DiscordRoute.OptionKey, out var known) ? known : DiscordRoute.Unknown(request.Method);
        if (route.Kind == RouteKind.Bot && state.IsUnauthorized)
        {
            throw new DiscordRestException(HttpStatusCode.Unauthorized, null, "not sent: an earlier request showed the bot token is invalid", route.Template);
        }

        var (before, level) = state.Breaker.Evaluate();
        ReportBreaker(before, level, state.Breaker.Count);
        if (!InvalidRequestBreaker.Allows(level, route))
        {
            throw DiscordRestException.NotSent(HttpStatusCode.TooManyRequests, "too many invalid requests (401/403/429) in the last 10 minutes; only essential requests are sent until they fall", route.Template);
        }

        if (route.ChannelId is { } channel && !state.Channels.MayPost(channel))
        {
            throw DiscordRestException.NotSent(HttpStatusCode.Forbidden, "the bot may not post in this channel (a 403 or missing permissions in the last 10 minutes)", route.Template);
        }

        if (request.Content is not null)
        {
            // Buffered once so a retry after a 429 sends the same bytes.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        if (route.Kind == RouteKind.InteractionCallback)
        {
            return await SendObeyingRetryAfterAsync(request, route, null, cancellationToken);
        }

        var bucket = state.BucketFor(route);
        await bucket.Gate.WaitAsync(cancellationToken);
        try
        {
            return await SendObeyingRetryAfterAsync(request, route, bucket, cancellationToken);
        }
        finally
        {
            bucket.Gate.Release();
        }
    }

    private async Task<HttpResponseMessage> SendObeyingRetryAfterAsync(HttpRequestMessage request, DiscordRoute route, RateLimitBucket? bucket, CancellationToken cancellationToken)
    {
        var time = state.Time;
        for (var attempt = 0; ; attempt++)
        {
            if (bucket?.DelayBeforeSend(time) is { } delay && delay > TimeSpan.Zero)
            {
                RestLog.WaitingForBucket(logger, route.Template, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }

            if (route.Kind == RouteKind.Bot)
            {
                await state.Global.WaitAsync(cancellationToken);
            }

            var started = time.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            RestLog.Request(logger, request.Method.Method, route.Template, response.StatusCode, (long)time.GetElapsedTime(started).TotalMilliseconds);
            metrics?.RestRequest(route.Template, (int)response.StatusCode);
            state.Observe(route, response);
            if (RateLimitState.IsInvalidRequest(response))
            {
                var (invalid, was, now) = state.Breaker.Record();
                if (invalid % 1000 == 0)
                {
                    RestLog.InvalidRequests(logger, invalid);
                }

                ReportBreaker(was, now, invalid);
            }

            if (response.StatusCode == HttpStatusCode.Forbidden && route.ChannelId is { } forbidden && state.Channels.Block(forbidden))
            {
                RestLog.ChannelForbidden(logger, forbidden, route.Template, (long)ChannelAccess.BlockFor.TotalMinutes);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && route.Kind == RouteKind.Bot)
            {
                if (state.MarkUnauthorized())
                {
                    RestLog.Unauthorized(logger, route.Template);
                }

                return response;
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            var scope = response.Headers.TryGetValues("X-RateLimit-Scope", out var scopes) ? scopes.FirstOrDefault() ?? "user" : "user";
            metrics?.RateLimited(route.Template, scope is "user" or "global" or "shared" ? scope : "other");
            var body = await ReadRateLimitBodyAsync(response, cancellationToken);
            var retryAfter = RateLimitState.RetryAfter(response, body);
            var global = RateLimitState.IsGlobal(response, body);
            if (global)
            {
                state.Global.Pause(retryAfter);
            }

            if (attempt > 0 || retryAfter > MaxRetryWait)
            {
                RestLog.RateLimitGivenUp(logger, route.Template, (long)retryAfter.TotalMilliseconds);
                return response;
            }

            RestLog.RateLimited(logger, route.Template, scope, global, (long)retryAfter.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(retryAfter, time, cancellationToken);
        }
    }

    private void ReportBreaker(BreakerLevel before, BreakerLevel now, int invalid)
    {
        if (before == now)
        {
            return;
        }

        if (now == BreakerLevel.Closed)
        {
            RestLog.BreakerClosed(logger, invalid);
        }
        else
        {
            RestLog.BreakerOpened(logger, invalid, now == BreakerLevel.Open ? "every request" : "requests that can wait (replies to mentions)");
        }
    }

    private static async Task<RateLimitBody?> ReadRateLimitBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return DiscordJson.Deserialize<RateLimitBody>(bytes);
        }
        catch (JsonException)
        {
            // A proxy's HTML 429 page: the Retry-After header still says how long to wait.
            return null;
        }
    }
}
