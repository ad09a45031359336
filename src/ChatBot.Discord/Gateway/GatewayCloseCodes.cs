namespace ChatBot.Discord.Gateway;

/// <summary>How one connection ended, and so what the next one does (§1.12).</summary>
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

internal sealed record ConnectionOutcome(ConnectionEnd End, string Reason, int? CloseCode = null);

/// <summary>The close-code table of §1.8.</summary>
internal static class GatewayCloseCodes
{
    public const int UnknownError = 4000;
    public const int AuthenticationFailed = 4004;

    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;

    public static ConnectionEnd Classify(int? code) => code switch
    {
        AuthenticationFailed or 4012 => ConnectionEnd.Fatal,
        4013 or 4014 => ConnectionEnd.IdentifyRefused,
        InvalidShard or ShardingRequired => ConnectionEnd.ShardFatal,
        4003 or 4005 or 4007 or 4008 or 4009 or 1000 => ConnectionEnd.NewSession,
        _ => ConnectionEnd.Reconnect,
    };

    public static string Describe(int? code) => code switch
    {
        null => "no close code (connection dropped)",
        1000 => "normal closure",
        1001 => "going away",
        1006 => "abnormal closure",
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: the bot token is wrong or was reset",
        4005 => "already authenticated",
        4007 => "invalid seq",
        4008 => "rate limited",
        4009 => "session timed out",
        4010 => "invalid shard: the shard id or count sent is not one Discord accepts",
        4011 => "sharding required: the shard would hold too many servers; run more shards",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: a privileged intent is not enabled for this application",
        _ => "unrecognised code",
    };
}
