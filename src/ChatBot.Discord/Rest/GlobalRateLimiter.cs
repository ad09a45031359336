using ChatBot.Discord.Foundation;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The bot-wide 50 requests per second (https://discord.com/developers/docs/topics/rate-limits#global-rate-limit),
/// and the pause a global 429 imposes.
/// </summary>
internal sealed class GlobalRateLimiter(TimeProvider time, int perSecond = 50)
{
    private readonly SlidingWindow window = new(time, TimeSpan.FromSeconds(1));
    private readonly Lock sync = new();
    private long pausedUntil;

    public int PerSecond => perSecond;

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (PausedFor() is { } pause)
        {
            await Task.Delay(pause, time, cancellationToken);
        }

        await window.WaitAsync(perSecond, cancellationToken);
    }

    public void Pause(TimeSpan retryAfter)
    {
        lock (sync)
        {
            pausedUntil = Math.Max(pausedUntil, time.GetTimestamp() + (long)(retryAfter.TotalSeconds * time.TimestampFrequency));
        }
    }

    private TimeSpan? PausedFor()
    {
        lock (sync)
        {
            var now = time.GetTimestamp();
            return now < pausedUntil ? time.GetElapsedTime(now, pausedUntil) : null;
        }
    }
}
