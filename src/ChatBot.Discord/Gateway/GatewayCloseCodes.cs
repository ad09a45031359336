namespace ChatBot.Discord.Gateway;

/// <summary>
/// Discord's gateway close codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes)
/// and what each means for the next connection.
/// </summary>
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

    /// <summary>True for a code in Discord's table (or 1000, 1001, 1006): one a metric may name without growing its series.</summary>
    public static bool IsKnown(int code) => Describe(code) != "unrecognised code";
}
