namespace ChatBot.Discord;

/// <summary>Where the gateway, or one shard of it, stands; read by a health check.</summary>
public enum GatewayState
{
    Starting,
    Connecting,
    Ready,
    Stopped,
    Failed,

    /// <summary>Some shards of this process stopped for good (e.g. Discord closed one with 4011); the others run.</summary>
    Degraded,
}

/// <summary>One shard's gateway connection: its state, when it became ready, its heartbeat, and why it stopped if it did.</summary>
public interface IShardStatus
{
    /// <summary>The shard id, 0 to <see cref="Count"/> − 1.</summary>
    int Id { get; }

    /// <summary>How many shards the bot runs in all (in every process).</summary>
    int Count { get; }

    GatewayState State { get; }

    /// <summary>When its current connection became ready (READY or RESUMED); null while not ready.</summary>
    DateTimeOffset? ReadySince { get; }

    /// <summary>When Discord last answered one of its heartbeats (op 11).</summary>
    DateTimeOffset? LastHeartbeatAck { get; }

    TimeSpan? Latency { get; }

    /// <summary>Why this shard stopped for good, else null.</summary>
    string? FailureReason { get; }
}

/// <summary>
/// What the executable may read about the gateway: whether the bot is connected and ready (every shard it runs), when
/// Discord last acknowledged a heartbeat, why it stopped if it did, and each shard's own state. Never holds the token
/// or a session id.
/// </summary>
public interface IGatewayStatus
{
    /// <summary>Ready when every shard of this process is; Degraded when some stopped for good; Failed when the bot stopped.</summary>
    GatewayState State { get; }

    bool IsReady => State == GatewayState.Ready;

    /// <summary>When the last of this process's shards became ready; null while one is not.</summary>
    DateTimeOffset? ReadySince { get; }

    /// <summary>When Discord last answered a heartbeat (op 11), on any shard.</summary>
    DateTimeOffset? LastHeartbeatAck { get; }

    /// <summary>Round trip of the last acknowledged heartbeat, the slowest shard's.</summary>
    TimeSpan? Latency { get; }

    ulong? ApplicationId { get; }

    /// <summary>Why the gateway stopped for good (a fatal close, an exhausted identify budget), or why a shard did; else null.</summary>
    string? FailureReason { get; }

    /// <summary>The shards this process runs, by id; empty until <c>GET /gateway/bot</c> has said how many there are.</summary>
    IReadOnlyList<IShardStatus> Shards => [];
}
