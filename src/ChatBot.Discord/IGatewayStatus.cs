namespace ChatBot.Discord;

/// <summary>Where the gateway connection stands; read by a health check.</summary>
public enum GatewayState
{
    Starting,
    Connecting,
    Ready,
    Stopped,
    Failed,
}

/// <summary>
/// What the executable may read about the gateway: whether the bot is connected and ready, when Discord last
/// acknowledged a heartbeat, and why it stopped if it did. Never holds the token or the session id.
/// </summary>
public interface IGatewayStatus
{
    GatewayState State { get; }

    bool IsReady => State == GatewayState.Ready;

    /// <summary>When the current connection became ready (READY or RESUMED); null while not ready.</summary>
    DateTimeOffset? ReadySince { get; }

    /// <summary>When Discord last answered a heartbeat (op 11), on any connection.</summary>
    DateTimeOffset? LastHeartbeatAck { get; }

    /// <summary>Round trip of the last acknowledged heartbeat.</summary>
    TimeSpan? Latency { get; }

    ulong? ApplicationId { get; }

    /// <summary>Why the gateway stopped for good (a fatal close, an exhausted identify budget), else null.</summary>
    string? FailureReason { get; }
}
