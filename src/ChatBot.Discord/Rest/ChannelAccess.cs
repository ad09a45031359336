using System.Collections.Concurrent;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rest;

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
