namespace ChatBot.Discord.Gateway;

/// <summary>
/// Discord allows 120 gateway messages per connection per 60 s and closes with 4008 beyond (§1.10). Ordinary
/// sends get 115 of them; heartbeats, IDENTIFY and RESUME may use the last five, so a busy connection can
/// never starve its own heartbeat. One limiter per connection.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time, int limit = 120, int reserved = 5, TimeSpan? window = null)
{
    private readonly Lock sync = new();
    private readonly Queue<long> sent = new();
    private readonly long windowTicks = (long)((window ?? TimeSpan.FromSeconds(60)).TotalSeconds * time.TimestampFrequency);

    public int Limit => limit;

    public int Reserved => reserved;

    public async ValueTask WaitAsync(bool priority, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                var now = time.GetTimestamp();
                while (sent.Count > 0 && sent.Peek() <= now - windowTicks)
                {
                    sent.Dequeue();
                }

                if (sent.Count < (priority ? limit : limit - reserved))
                {
                    sent.Enqueue(now);
                    return;
                }

                wait = time.GetElapsedTime(now, sent.Peek() + windowTicks);
            }

            await Task.Delay(wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait, time, cancellationToken);
        }
    }
}
