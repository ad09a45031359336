using System.Collections.Concurrent;
using ChatBot.Core;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Community;

/// <summary>
/// The per-member limit on questions (<see cref="CommunityOptions.AskLimitPerMinute"/> in any sliding minute),
/// shared by /ask and questions asked by mentioning the bot. Answers from memory in microseconds.
/// </summary>
internal sealed class AskRateLimiter(IOptions<CommunityOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<ulong, Queue<DateTimeOffset>> recent = new();
    private long lastSweepTicks;

    private DateTimeOffset LastSweep
    {
        get => new(Interlocked.Read(ref lastSweepTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref lastSweepTicks, value.UtcTicks);
    }

    /// <summary>Counts a question of <paramref name="userId"/>; when over the limit, how long until one more is allowed.</summary>
    public TimeSpan? TryAcquire(ulong userId)
    {
        var now = time.GetUtcNow();
        var asks = recent.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (asks)
        {
            while (asks.Count > 0 && now - asks.Peek() >= Window)
            {
                asks.Dequeue();
            }

            if (asks.Count >= options.Value.AskLimitPerMinute)
            {
                return asks.Peek() + Window - now;
            }

            asks.Enqueue(now);
        }

        // Members who stop asking leave no trace behind: at most one sweep a minute, once there are many.
        if (recent.Count > 10_000 && now - LastSweep >= Window)
        {
            LastSweep = now;
            foreach (var (user, queue) in recent)
            {
                lock (queue)
                {
                    if (queue.Count == 0 || now - queue.Last() >= Window)
                    {
                        recent.TryRemove(user, out _);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>"You are asking quickly: try again in 23 seconds."</summary>
    public static string Refusal(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return $"You are asking quickly: please try again in {seconds} second{(seconds == 1 ? "" : "s")}.";
    }
}
