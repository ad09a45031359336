using System.Collections.Concurrent;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Asking;

/// <summary>
/// The per-member limit on questions (<see cref="CommunityOptions.AskLimitPerMinute"/> in any sliding minute),
/// shared by /ask, the buttons on answers, and questions asked by mentioning the bot or in a DM (a bare mention,
/// answered with a hint, counts too). Answers from memory in microseconds.
/// </summary>
internal sealed class AskRateLimiter(IOptions<CommunityOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<ulong, Member> recent = new();
    private long lastSweep = long.MinValue;

    /// <summary>Counts a question of <paramref name="userId"/>; when over the limit, how long until one more is allowed.</summary>
    public TimeSpan? TryAcquire(ulong userId) => Admit(userId, publicRefusal: false).Wait;

    /// <summary>
    /// Counts a question of <paramref name="userId"/>. With <paramref name="publicRefusal"/>, a refusal is to be told
    /// (<see cref="AskAdmission.Tell"/>) only if none was told to this member in the last <see cref="Window"/>;
    /// private refusals (to interactions) are always told and do not use up the public one.
    /// </summary>
    public AskAdmission Admit(ulong userId, bool publicRefusal)
    {
        var member = recent.GetOrAdd(userId, _ => new Member(new SlidingWindow(time, Window)));
        AskAdmission admission;
        lock (member)
        {
            if (member.Asks.TryAcquire(options.Value.AskLimitPerMinute) is { } wait)
            {
                var now = time.GetTimestamp();
                var tell = !publicRefusal || now >= member.ToldUntil;
                if (publicRefusal && tell)
                {
                    member.ToldUntil = now + (long)(Window.TotalSeconds * time.TimestampFrequency);
                }

                return new AskAdmission(wait, tell);
            }

            admission = new AskAdmission(null, false);
        }

        Sweep();
        return admission;
    }

    /// <summary>"You are asking quickly: try again in 23 seconds."</summary>
    public static string Refusal(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return $"You are asking quickly: please try again in {seconds} second{(seconds == 1 ? "" : "s")}.";
    }

    /// <summary>Members who stop asking leave no trace behind: at most one sweep a minute, once there are many.</summary>
    private void Sweep()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref lastSweep);
        if (recent.Count <= 10_000 || (last != long.MinValue && time.GetElapsedTime(last, now) < Window))
        {
            return;
        }

        Interlocked.Exchange(ref lastSweep, now);
        foreach (var (user, member) in recent)
        {
            lock (member)
            {
                if (member.Asks.IsEmpty && now >= member.ToldUntil)
                {
                    recent.TryRemove(user, out _);
                }
            }
        }
    }

    private sealed class Member(SlidingWindow asks)
    {
        public SlidingWindow Asks { get; } = asks;

        public long ToldUntil { get; set; } = long.MinValue;
    }
}
