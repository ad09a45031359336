using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Gateway;

/// <summary>A place in the identify queue of one rate-limit key: the shard may IDENTIFY from <see cref="Due"/> (a timestamp) on.</summary>
internal sealed record IdentifyTurn(int ShardId, int Key, long Due);

/// <summary>
/// Paces IDENTIFY by Discord's session-start concurrency (https://discord.com/developers/docs/events/gateway#sharding-max-concurrency): shards share a rate-limit key
/// <c>shard_id % max_concurrency</c>, and each key may start one session per 5 s, so up to <c>max_concurrency</c>
/// shards identify at once, bucket after bucket. Turns are handed out in the order they are reserved (the service
/// reserves the first turn of every shard in id order at start, so buckets go 0, 1, 2, …), and whatever the order,
/// two IDENTIFYs on one key are never closer than the interval, counted from when each was really sent. One gate per
/// process: other processes running other shards have other keys' budgets only when <c>max_concurrency</c> allows.
/// </summary>
internal sealed class IdentifyGate
{
    private readonly TimeProvider time;
    private readonly long intervalTicks;
    private readonly Lock sync = new();
    private readonly long[] nextTurn;
    private readonly long?[] lastSent;
    private string? refused;

    public IdentifyGate(TimeProvider time, TimeSpan interval, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        this.time = time;
        MaxConcurrency = Math.Max(1, maxConcurrency);
        intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
        nextTurn = new long[MaxConcurrency];
        lastSent = new long?[MaxConcurrency];
    }

    public int MaxConcurrency { get; }

    public int KeyOf(int shardId) => shardId % MaxConcurrency;

    /// <summary>Why no shard of this process may IDENTIFY any more (Discord refused the intents they all send); null while they may.</summary>
    public string? RefusedBecause => Volatile.Read(ref refused);

    /// <summary>Closes the gate for good; the first reason stays.</summary>
    public void Refuse(string reason) => Interlocked.CompareExchange(ref refused, reason, null);

    /// <summary>Takes the next turn on the shard's key: an interval after the turn reserved before it, or now.</summary>
    public IdentifyTurn Reserve(int shardId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        var key = KeyOf(shardId);
        lock (sync)
        {
            var due = Math.Max(time.GetTimestamp(), nextTurn[key]);
            nextTurn[key] = due + intervalTicks;
            return new IdentifyTurn(shardId, key, due);
        }
    }

    /// <summary>
    /// Waits for the turn, and for an interval since the last IDENTIFY on its key, then counts this one as sent and
    /// returns true. Call it right before sending IDENTIFY. False when the gate was closed for good meanwhile
    /// (<see cref="Refuse"/>): that IDENTIFY would only be refused too.
    /// </summary>
    public async ValueTask<bool> WaitAsync(IdentifyTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                if (RefusedBecause is not null)
                {
                    return false;
                }

                var now = time.GetTimestamp();
                var due = Math.Max(turn.Due, lastSent[turn.Key] is { } last ? last + intervalTicks : long.MinValue);
                if (now >= due)
                {
                    lastSent[turn.Key] = now;
                    return true;
                }

                wait = time.GetElapsedTime(now, due);
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
