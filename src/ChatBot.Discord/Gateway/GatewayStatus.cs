namespace ChatBot.Discord.Gateway;

/// <summary>
/// The one writable <see cref="IGatewayStatus"/>: the process's part (discovery, a fatal stop, shutdown, the
/// application and bot ids from READY) written by the gateway service, and one <see cref="ShardStatus"/> per shard
/// this process runs, each written by its shard. The process-wide view is derived from the shards.
/// </summary>
internal sealed class GatewayStatus(TimeProvider time) : IGatewayStatus
{
    private readonly Lock sync = new();
    private GatewayState processState = GatewayState.Starting;
    private string? failureReason;
    private ulong? applicationId;
    private ulong? botUserId;
    private ShardStatus[] shards = [];

    public GatewayState State
    {
        get
        {
            lock (sync)
            {
                if (processState is GatewayState.Failed or GatewayState.Stopped || shards.Length == 0)
                {
                    return processState;
                }

                if (shards.All(s => s.State == GatewayState.Ready))
                {
                    return GatewayState.Ready;
                }

                if (shards.Any(s => s.State == GatewayState.Failed))
                {
                    return GatewayState.Degraded;
                }

                return shards.All(s => s.State == GatewayState.Starting) ? GatewayState.Starting : GatewayState.Connecting;
            }
        }
    }

    public DateTimeOffset? ReadySince
    {
        get
        {
            var all = Snapshot();
            return all.Length > 0 && all.All(s => s.ReadySince is not null) ? all.Max(s => s.ReadySince) : null;
        }
    }

    public DateTimeOffset? LastHeartbeatAck => Snapshot().Max(s => s.LastHeartbeatAck);

    public TimeSpan? Latency => Snapshot().Max(s => s.Latency);

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
                return failureReason ?? shards.Select(s => s.FailureReason).FirstOrDefault(r => r is not null);
            }
        }
    }

    public IReadOnlyList<IShardStatus> Shards => Snapshot();

    /// <summary>The shards this process runs, once <c>GET /gateway/bot</c> has said how many there are in all.</summary>
    public IReadOnlyList<ShardStatus> Plan(int count, IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var planned = ids.Select(id => new ShardStatus(id, count, time)).ToArray();
        lock (sync)
        {
            shards = planned;
            if (processState == GatewayState.Starting)
            {
                processState = GatewayState.Connecting;
            }
        }

        return planned;
    }

    public void Connecting() => SetProcess(GatewayState.Connecting, null);

    /// <summary>READY names the application and the bot user; they are the same on every shard.</summary>
    public void Identified(ulong? application, ulong? botUser)
    {
        lock (sync)
        {
            applicationId = application ?? applicationId;
            botUserId = botUser ?? botUserId;
        }
    }

    public void Stopped()
    {
        SetProcess(GatewayState.Stopped, null);
        foreach (var shard in Snapshot())
        {
            shard.Stopped();
        }
    }

    public void Failed(string reason) => SetProcess(GatewayState.Failed, reason);

    private ShardStatus[] Snapshot()
    {
        lock (sync)
        {
            return shards;
        }
    }

    private void SetProcess(GatewayState next, string? reason)
    {
        lock (sync)
        {
            // A failure is final: a later "stopped" during shutdown must not hide why.
            if (processState == GatewayState.Failed)
            {
                return;
            }

            processState = next;
            failureReason = reason;
        }
    }
}
