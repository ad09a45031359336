using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace ChatBot.Discord.Rest;

/// <summary>One Discord bucket (hash + major parameter). Requests in it run one at a time, like discord.js's queues.</summary>
internal sealed class RateLimitBucket
{
    private readonly Lock sync = new();
    private int remaining = 1;
    private long resetAt;
    private long lastUsed;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void Update(int? newRemaining, long? newResetAt)
    {
        lock (sync)
        {
            if (newRemaining is { } r)
            {
                remaining = r;
            }

            if (newResetAt is { } at)
            {
                resetAt = at;
            }
        }
    }

    /// <summary>How long to wait before the next request: until the reset when nothing remains, else not at all.</summary>
    public TimeSpan DelayBeforeSend(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetTimestamp();
        lock (sync)
        {
            lastUsed = now;
            if (remaining > 0 || now >= resetAt)
            {
                return TimeSpan.Zero;
            }

            return time.GetElapsedTime(now, resetAt);
        }
    }

    public bool IsIdleSince(long horizon)
    {
        lock (sync)
        {
            return Gate.CurrentCount == 1 && lastUsed < horizon && resetAt < horizon;
        }
    }
}
