namespace ChatBot.Discord.Foundation;

/// <summary>
/// At most a given number of events in any sliding window of <paramref name="window"/>, on a
/// <see cref="TimeProvider"/>'s monotonic clock: the one limiter behind the bot-wide 50 REST requests a second, the
/// per-member question limit and each gateway connection's 120 messages a minute. <see cref="TryAcquire"/> answers from memory;
/// <see cref="WaitAsync"/> waits for room. Thread-safe.
/// </summary>
internal sealed class SlidingWindow(TimeProvider time, TimeSpan window)
{
    private readonly Lock sync = new();
    private readonly Queue<long> events = new();
    private readonly long windowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
    private long lastEvent = long.MinValue;

    public TimeSpan Window => window;

    /// <summary>Records an event when fewer than <paramref name="limit"/> fall in the window; else how long until one leaves it.</summary>
    public TimeSpan? TryAcquire(int limit)
    {
        lock (sync)
        {
            var now = time.GetTimestamp();
            Expire(now);
            if (events.Count < limit)
            {
                events.Enqueue(now);
                lastEvent = now;
                return null;
            }

            var wait = events.Count == 0 ? TimeSpan.Zero : time.GetElapsedTime(now, events.Peek() + windowTicks);
            return wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
        }
    }

    /// <summary>Waits until an event fits under <paramref name="limit"/>, then records it.</summary>
    public async ValueTask WaitAsync(int limit, CancellationToken cancellationToken)
    {
        while (TryAcquire(limit) is { } wait)
        {
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, time, cancellationToken);
        }
    }

    /// <summary>True when no event is left in the window: such a window may be forgotten.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (sync)
            {
                return lastEvent == long.MinValue || time.GetTimestamp() - lastEvent >= windowTicks;
            }
        }
    }

    private void Expire(long now)
    {
        while (events.Count > 0 && events.Peek() <= now - windowTicks)
        {
            events.Dequeue();
        }
    }
}
