using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rest;

/// <summary>
/// What the REST client knows about Discord's limits, shared by every request (https://discord.com/developers/docs/topics/rate-limits): the bucket hash learned
/// for each route, each bucket's remaining count and reset time, the global 50/s window, whether a 401
/// has stopped all bot-token requests, the invalid requests of the last ten minutes (and so what the breaker
/// still lets through), and the channels where the bot may not post.
/// </summary>
internal sealed class RateLimitState(TimeProvider time, InvalidRequestBudget? budget = null, ChannelAccess? channels = null)
{
    /// <summary>Buckets idle this long after their reset are forgotten (interaction webhooks make one per token).</summary>
    private static readonly TimeSpan IdleBucketLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, string> hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RateLimitBucket> buckets = new(StringComparer.Ordinal);
    private long requestsSincePrune;
    private int unauthorized;

    public GlobalRateLimiter Global { get; } = new(time);

    public TimeProvider Time => time;

    public InvalidRequestBreaker Breaker { get; } = new(time, budget ?? new InvalidRequestBudget());

    public ChannelAccess Channels { get; } = channels ?? new ChannelAccess(time);

    /// <summary>True after a bot-token request got 401: the token is invalid and every further request would be too.</summary>
    public bool IsUnauthorized => Volatile.Read(ref unauthorized) == 1;

    /// <summary>Returns true the first time only, so the 401 is reported once.</summary>
    public bool MarkUnauthorized() => Interlocked.Exchange(ref unauthorized, 1) == 0;

    public int BucketCount => buckets.Count;

    /// <summary>Whether a channel message (a request that can wait) to <paramref name="channelId"/> would be sent now.</summary>
    public bool MayPostTo(ulong channelId)
        => !IsUnauthorized && Breaker.Peek() == BreakerLevel.Closed && Channels.MayPost(channelId);

    public RateLimitBucket BucketFor(DiscordRoute route)
    {
        if (Interlocked.Increment(ref requestsSincePrune) % 256 == 0)
        {
            Prune();
        }

        return buckets.GetOrAdd(Key(route), static _ => new RateLimitBucket());
    }

    /// <summary>Reads the route headers of a response into the bucket they describe.</summary>
    public void Observe(DiscordRoute route, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(response);
        if (route.Kind == RouteKind.InteractionCallback)
        {
            return;
        }

        if (Header(response, "X-RateLimit-Bucket") is { Length: > 0 } hash)
        {
            hashes[route.Template] = hash;
        }

        var remaining = int.TryParse(Header(response, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        var resetAfter = Seconds(Header(response, "X-RateLimit-Reset-After"));
        if (remaining is null && resetAfter is null)
        {
            return;
        }

        var bucket = buckets.GetOrAdd(Key(route), static _ => new RateLimitBucket());
        bucket.Update(remaining, resetAfter is { } after ? time.GetTimestamp() + (long)(after.TotalSeconds * time.TimestampFrequency) : null);
    }

    /// <summary>How long a request that got this 429 must wait, from the body's <c>retry_after</c> or the header.</summary>
    public static TimeSpan RetryAfter(HttpResponseMessage response, RateLimitBody? body)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (body is { RetryAfter: > 0 })
        {
            return TimeSpan.FromSeconds(body.RetryAfter);
        }

        return Seconds(Header(response, "Retry-After")) ?? TimeSpan.FromSeconds(1);
    }

    public static bool IsGlobal(HttpResponseMessage response, RateLimitBody? body)
    {
        ArgumentNullException.ThrowIfNull(response);
        return body is { Global: true }
            || string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Header(response, "X-RateLimit-Scope"), "global", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>401, 403 and 429 count toward Cloudflare's invalid-request ban, except a shared-scope 429.</summary>
    public static bool IsInvalidRequest(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => true,
            HttpStatusCode.TooManyRequests => !string.Equals(Header(response, "X-RateLimit-Scope"), "shared", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private string Key(DiscordRoute route)
        => (hashes.TryGetValue(route.Template, out var hash) ? "hash:" + hash : "route:" + route.Template) + "|" + route.MajorParameter;

    private void Prune()
    {
        var horizon = time.GetTimestamp() - (long)(IdleBucketLifetime.TotalSeconds * time.TimestampFrequency);
        foreach (var (key, bucket) in buckets)
        {
            if (bucket.IsIdleSince(horizon))
            {
                buckets.TryRemove(key, out _);
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? Seconds(string? text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
}
