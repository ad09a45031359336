namespace ChatBot.Discord.Gateway;

/// <summary>
/// How one connection ended, and so what the next one does, after discord.js's state machine
/// (https://discord.com/developers/docs/events/gateway#resuming).
/// </summary>
internal enum ConnectionEnd
{
    /// <summary>Reconnect and RESUME on the resume URL when a session exists, else IDENTIFY.</summary>
    Reconnect,

    /// <summary>Forget the session; IDENTIFY on the cached URL.</summary>
    NewSession,

    /// <summary>Op 9 that cannot resume: forget the session, wait 1–5 s, IDENTIFY on the cached URL.</summary>
    InvalidSession,

    /// <summary>Never reconnect, on any shard: the token or the API version is wrong (4004, 4012), and every connection uses them.</summary>
    Fatal,

    /// <summary>
    /// Never IDENTIFY again, on any shard: Discord refused the intents (4013, 4014), which every shard of the process
    /// sends alike. Sessions already open were granted and keep running until they would have to identify.
    /// </summary>
    IdentifyRefused,

    /// <summary>Never reconnect this shard: its shard array is invalid or it would hold too many servers (4010, 4011); other shards are unaffected.</summary>
    ShardFatal,

    /// <summary>The host is stopping; the connection was closed for good with 1000.</summary>
    Shutdown,
}

/// <summary>Why a connection ended, in the words the reconnect metric uses: a small fixed set, never free text.</summary>
internal enum ConnectionCause
{
    /// <summary>The host is stopping.</summary>
    HostStopping,

    /// <summary>The socket failed or ended without a close frame.</summary>
    ConnectionLost,

    /// <summary>The socket could not be opened at all.</summary>
    ConnectFailed,

    /// <summary>Discord sent op 7.</summary>
    ReconnectRequested,

    /// <summary>Discord sent op 9.</summary>
    InvalidSession,

    /// <summary>Discord sent a close frame; its code says more.</summary>
    ClosedByDiscord,

    /// <summary>No heartbeat ACK came between two beats.</summary>
    Zombie,

    /// <summary>HELLO, READY or RESUMED did not come in time.</summary>
    Timeout,

    /// <summary>A heartbeat or IDENTIFY could not be sent.</summary>
    SendFailed,

    /// <summary>Another shard's intents were refused while this one waited to identify.</summary>
    IntentsRefused,
}

/// <summary>How a connection ended: what happens next, why (for the metric), a line for the log, and Discord's close code.</summary>
internal sealed record ConnectionOutcome(ConnectionEnd End, ConnectionCause Cause, string Reason, int? CloseCode = null)
{
    /// <summary>
    /// The cause as a metric tag: snake case, and for a close by Discord its code (<c>close_4000</c>; codes outside
    /// Discord's table are <c>close_other</c>, so a strange server cannot grow the series).
    /// </summary>
    public string MetricReason => Cause switch
    {
        ConnectionCause.ClosedByDiscord => CloseCode switch
        {
            null => "close_none",
            { } code when GatewayCloseCodes.IsKnown(code) => "close_" + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "close_other",
        },
        ConnectionCause.HostStopping => "host_stopping",
        ConnectionCause.ConnectionLost => "connection_lost",
        ConnectionCause.ConnectFailed => "connect_failed",
        ConnectionCause.ReconnectRequested => "reconnect_requested",
        ConnectionCause.InvalidSession => "invalid_session",
        ConnectionCause.Zombie => "zombie",
        ConnectionCause.Timeout => "timeout",
        ConnectionCause.SendFailed => "send_failed",
        ConnectionCause.IntentsRefused => "intents_refused",
        _ => "other",
    };
}
