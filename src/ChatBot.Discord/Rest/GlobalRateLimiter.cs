using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace ChatBot.Discord.Rest;

/// <summary>The bot-wide 50 requests per second (§6), and the pause a global 429 imposes.</summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int perSecond = 50)
{
    private readonly Lock sync = new();
    private readonly Queue<long> sent = new();
    private long pausedUntil;

    public int PerSecond => perSecond;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                var now = time.GetTimestamp();
                var windowStart = now - time.TimestampFrequency;
                while (sent.Count > 0 && sent.Peek() <= windowStart)
                {
                    sent.Dequeue();
                }

                if (now < pausedUntil)
                {
                    wait = time.GetElapsedTime(now, pausedUntil);
                }
                else if (sent.Count < perSecond)
                {
                    sent.Enqueue(now);
                    return;
                }
                else
                {
                    wait = time.GetElapsedTime(now, sent.Peek() + time.TimestampFrequency);
                }
            }

            await Task.Delay(wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait, time, cancellationToken);
        }
    }

    public void Pause(TimeSpan retryAfter)
    {
        lock (sync)
        {
            pausedUntil = Math.Max(pausedUntil, time.GetTimestamp() + (long)(retryAfter.TotalSeconds * time.TimestampFrequency));
        }
    }
}
