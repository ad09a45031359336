using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Gateway;

/// <summary>The one writable <see cref="IShardStatus"/> of a shard; only that shard's runner and its current connection write it.</summary>
internal sealed class ShardStatus(int id, int count, TimeProvider time) : IShardStatus
{
    private readonly Lock sync = new();
    private GatewayState state = GatewayState.Starting;
    private DateTimeOffset? readySince;
    private DateTimeOffset? lastAck;
    private TimeSpan? latency;
    private string? failureReason;

    public int Id { get; } = id;

    public int Count { get; } = count;

    /// <summary>"1/4": how logs name it ("shard 1/4").</summary>
    public string Name => $"{Id}/{Count}";

    public GatewayState State
    {
        get
        {
            lock (sync)
            {
                return state;
            }
        }
    }

    public DateTimeOffset? ReadySince
    {
        get
        {
            lock (sync)
            {
                return readySince;
            }
        }
    }

    public DateTimeOffset? LastHeartbeatAck
    {
        get
        {
            lock (sync)
            {
                return lastAck;
            }
        }
    }

    public TimeSpan? Latency
    {
        get
        {
            lock (sync)
            {
                return latency;
            }
        }
    }

    public string? FailureReason
    {
        get
        {
            lock (sync)
            {
                return failureReason;
            }
        }
    }

    public void Connecting() => Set(GatewayState.Connecting, null);

    public void Ready()
    {
        lock (sync)
        {
            if (state == GatewayState.Failed)
            {
                return;
            }

            state = GatewayState.Ready;
            readySince = time.GetUtcNow();
        }
    }

    public void HeartbeatAcknowledged(TimeSpan roundTrip)
    {
        lock (sync)
        {
            lastAck = time.GetUtcNow();
            latency = roundTrip;
        }
    }

    public void Stopped() => Set(GatewayState.Stopped, null);

    public void Failed(string reason) => Set(GatewayState.Failed, reason);

    private void Set(GatewayState next, string? reason)
    {
        lock (sync)
        {
            // A failure is final: a later "stopped" during shutdown must not hide why.
            if (state == GatewayState.Failed)
            {
                return;
            }

            state = next;
            readySince = null;
            failureReason = reason;
        }
    }
}
