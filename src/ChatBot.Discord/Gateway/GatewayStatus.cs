namespace ChatBot.Discord.Gateway;

/// <summary>The one writable <see cref="IGatewayStatus"/>; only the gateway service and its current connection write it.</summary>
internal sealed class GatewayStatus(TimeProvider time) : IGatewayStatus
{
    private readonly Lock sync = new();
    private GatewayState state = GatewayState.Starting;
    private DateTimeOffset? readySince;
    private DateTimeOffset? lastAck;
    private TimeSpan? latency;
    private ulong? applicationId;
    private ulong? botUserId;
    private string? failureReason;

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

    public ulong? ApplicationId
    {
        get
        {
            lock (sync)
            {
                return applicationId;
            }
        }
    }

    /// <summary>The bot's own user id, from READY: how a message that mentions the bot, or that the bot wrote, is recognised.</summary>
    public ulong? BotUserId
    {
        get
        {
            lock (sync)
            {
                return botUserId;
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

    public void Ready(ulong? application, ulong? botUser = null)
    {
        lock (sync)
        {
            state = GatewayState.Ready;
            readySince = time.GetUtcNow();
            applicationId = application ?? applicationId;
            botUserId = botUser ?? botUserId;
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
