using System.Collections.Concurrent;
using ChatBot.Core;
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
    private long lastSweepTicks;

    private DateTimeOffset LastSweep
    {
        get => new(Interlocked.Read(ref lastSweepTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref lastSweepTicks, value.UtcTicks);
    }

    /// <summary>Counts a question of <paramref name="userId"/>; when over the limit, how long until one more is allowed.</summary>
    public TimeSpan? TryAcquire(ulong userId) => Admit(userId, publicRefusal: false).Wait;

    /// <summary>
    /// Counts a question of <paramref name="userId"/>. With <paramref name="publicRefusal"/>, a refusal is to be told
    /// (<see cref="AskAdmission.Tell"/>) only if none was told to this member in the last <see cref="Window"/>;
    /// private refusals (to interactions) are always told and do not use up the public one.
    /// </summary>
    public AskAdmission Admit(ulong userId, bool publicRefusal)
    {
        var now = time.GetUtcNow();
        var member = recent.GetOrAdd(userId, _ => new Member());
        AskAdmission admission;
        lock (member)
        {
            while (member.Asks.Count > 0 && now - member.Asks.Peek() >= Window)
            {
                member.Asks.Dequeue();
            }

            if (member.Asks.Count >= options.Value.AskLimitPerMinute)
            {
                var tell = !publicRefusal || now >= member.ToldUntil;
                if (publicRefusal && tell)
                {
                    member.ToldUntil = now + Window;
                }

                return new AskAdmission(member.Asks.Peek() + Window - now, tell);
            }

            member.Asks.Enqueue(now);
            member.LastSeen = now;
            admission = new AskAdmission(null, false);
        }

        Sweep(now);
        return admission;
    }

    /// <summary>"You are asking quickly: try again in 23 seconds."</summary>
    public static string Refusal(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return $"You are asking quickly: please try again in {seconds} second{(seconds == 1 ? "" : "s")}.";
    }

    /// <summary>Members who stop asking leave no trace behind: at most one sweep a minute, once there are many.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (recent.Count <= 10_000 || now - LastSweep < Window)
        {
            return;
        }

        LastSweep = now;
        foreach (var (user, member) in recent)
        {
            lock (member)
            {
                if (now - member.LastSeen >= Window && now >= member.ToldUntil)
                {
                    recent.TryRemove(user, out _);
                }
            }
        }
    }

    private sealed class Member
    {
        public Queue<DateTimeOffset> Asks { get; } = new();

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset ToldUntil { get; set; }
    }
}
