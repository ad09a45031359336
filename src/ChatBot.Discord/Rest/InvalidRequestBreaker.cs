using System.Collections.Concurrent;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rest;

/// <summary>
/// How many invalid requests (401, 403, and 429 other than shared-scope ones) the bot allows itself in a sliding
/// window before it stops sending. Cloudflare bans the IP for a while at 10,000 in 10 minutes (§6); these budgets
/// keep the bot far below that whatever members or Discord do.
/// </summary>
internal sealed class InvalidRequestBudget
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>From this many, requests that can wait (channel messages: replies to mentions) are not sent.</summary>
    public int StopNonEssential { get; init; } = 2_000;

    /// <summary>From this many, no request is sent at all until the count falls.</summary>
    public int StopAll { get; init; } = 5_000;
}

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

/// <summary>
/// Where the bot may post channel messages. A channel answers 403 when the bot may read but not write there (or
/// not read its history, which a reply needs); every further post would be another invalid request, so after a 403
/// the channel is left alone for <see cref="BlockFor"/>. The permissions an interaction reports for its channel
/// (<c>app_permissions</c>, overwrites included) are used too: a channel where the bot lacks them is blocked the
/// same way before any post is tried, and one where it has them is cleared.
/// </summary>
internal sealed class ChannelAccess(TimeProvider time)
{
    public static readonly TimeSpan BlockFor = TimeSpan.FromMinutes(10);

    /// <summary>At most this many channels are remembered; expired entries are swept first.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<ulong, long> blockedUntil = new();

    public int Blocked => blockedUntil.Count;

    /// <summary>What replying to a message needs: see the channel, send there (in threads: send in threads) and read its history.</summary>
    public static DiscordPermissions NeededToReply(bool thread)
        => DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory | (thread ? DiscordPermissions.SendMessagesInThreads : DiscordPermissions.SendMessages);

    public bool MayPost(ulong channelId)
    {
        if (!blockedUntil.TryGetValue(channelId, out var until))
        {
            return true;
        }

        if (time.GetTimestamp() < until)
        {
            return false;
        }

        blockedUntil.TryRemove(KeyValuePair.Create(channelId, until));
        return true;
    }

    /// <summary>Leaves the channel alone for <see cref="BlockFor"/>; true when it was not blocked yet (so the caller reports it once).</summary>
    public bool Block(ulong channelId)
    {
        var until = time.GetTimestamp() + (long)(BlockFor.TotalSeconds * time.TimestampFrequency);
        var fresh = MayPost(channelId);
        if (fresh && blockedUntil.Count >= Capacity)
        {
            Sweep();
        }

        if (fresh && blockedUntil.Count >= Capacity)
        {
            // Still full of live blocks: forget the one that ends first rather than grow.
            var first = blockedUntil.OrderBy(e => e.Value).First();
            blockedUntil.TryRemove(first);
        }

        blockedUntil[channelId] = until;
        return fresh;
    }

    /// <summary>Learns from an interaction's <c>app_permissions</c>: true when this blocked the channel afresh.</summary>
    public bool Observe(ulong channelId, DiscordPermissions appPermissions, bool thread)
    {
        var needed = NeededToReply(thread);
        if (appPermissions.HasFlag(DiscordPermissions.Administrator) || (appPermissions & needed) == needed)
        {
            blockedUntil.TryRemove(channelId, out _);
            return false;
        }

        return Block(channelId);
    }

    private void Sweep()
    {
        var now = time.GetTimestamp();
        foreach (var (channel, until) in blockedUntil)
        {
            if (until <= now)
            {
                blockedUntil.TryRemove(KeyValuePair.Create(channel, until));
            }
        }
    }
}
