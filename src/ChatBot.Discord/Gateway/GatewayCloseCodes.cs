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

    /// <summary>Never reconnect: the token, shard, version or intents are wrong (4004, 4010–4014).</summary>
    Fatal,

    /// <summary>The host is stopping; the connection was closed for good with 1000.</summary>
    Shutdown,
}

internal sealed record ConnectionOutcome(ConnectionEnd End, string Reason, int? CloseCode = null);

/// <summary>The close-code table of §1.8.</summary>
internal static class GatewayCloseCodes
{
    public const int UnknownError = 4000;
    public const int AuthenticationFailed = 4004;

    public static ConnectionEnd Classify(int? code) => code switch
    {
        AuthenticationFailed or (>= 4010 and <= 4014) => ConnectionEnd.Fatal,
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
        4010 => "invalid shard",
        4011 => "sharding required",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: a privileged intent is not enabled for this application",
        _ => "unrecognised code",
    };
}
