using System.Collections.Concurrent;

namespace ChatBot.Discord.Rest;

/// <summary>What the breaker lets through.</summary>
internal enum BreakerLevel
{
    /// <summary>Everything is sent.</summary>
    Closed,

    /// <summary>Only essential requests (interaction answers, gateway discovery, command registration) are sent.</summary>
    EssentialOnly,

    /// <summary>Nothing is sent.</summary>
    Open,
}

/// <summary>
/// Counts invalid requests in the budget's sliding window and says what may still be sent. It closes again with
/// hysteresis (below half of the lower budget), so a count hovering at a budget does not flap, and each change is
/// reported once by the caller.
/// </summary>
internal sealed class InvalidRequestBreaker(TimeProvider time, InvalidRequestBudget budget)
{
    private readonly Lock sync = new();
    private readonly Queue<long> invalid = new();
    private BreakerLevel level;

    public InvalidRequestBudget Budget => budget;

    /// <summary>Invalid requests in the current window.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                Prune(time.GetTimestamp());
                return invalid.Count;
            }
        }
    }

    /// <summary>Counts one invalid request; returns the count in the window and the level before and after.</summary>
    public (int Count, BreakerLevel Before, BreakerLevel Now) Record()
    {
        lock (sync)
        {
            var now = time.GetTimestamp();
            invalid.Enqueue(now);
            Prune(now);
            var before = level;
            level = Next(level, invalid.Count);
            return (invalid.Count, before, level);
        }
    }

    /// <summary>The level before and after letting the window move on to now (so the breaker closes without new requests).</summary>
    public (BreakerLevel Before, BreakerLevel Now) Evaluate()
    {
        lock (sync)
        {
            Prune(time.GetTimestamp());
            var before = level;
            level = Next(level, invalid.Count);
            return (before, level);
        }
    }

    /// <summary>The level as the window stands now, without recording a change (which the REST handler reports).</summary>
    public BreakerLevel Peek()
    {
        lock (sync)
        {
            Prune(time.GetTimestamp());
            return Next(level, invalid.Count);
        }
    }

    public static bool Allows(BreakerLevel level, DiscordRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return level switch
        {
            BreakerLevel.Closed => true,
            BreakerLevel.EssentialOnly => route.Essential,
            _ => false,
        };
    }

    private BreakerLevel Next(BreakerLevel current, int count)
    {
        if (count >= budget.StopAll)
        {
            return BreakerLevel.Open;
        }

        if (count >= budget.StopNonEssential)
        {
            return BreakerLevel.EssentialOnly;
        }

        return current != BreakerLevel.Closed && count > budget.StopNonEssential / 2 ? BreakerLevel.EssentialOnly : BreakerLevel.Closed;
    }

    private void Prune(long now)
    {
        var horizon = now - (long)(budget.Window.TotalSeconds * time.TimestampFrequency);
        while (invalid.Count > 0 && invalid.Peek() <= horizon)
        {
            invalid.Dequeue();
        }
    }
}
