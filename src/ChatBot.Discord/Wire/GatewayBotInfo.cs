namespace ChatBot.Discord.Wire;

/// <summary><c>GET /gateway/bot</c> (https://discord.com/developers/docs/events/gateway#get-gateway-bot).</summary>
internal sealed record GatewayBotInfo
{
    public string Url { get; init; } = "";

    public int Shards { get; init; } = 1;

    public SessionStartLimit SessionStartLimit { get; init; } = new();
}

/// <summary>IDENTIFYs left in the current day; <see cref="ResetAfter"/> is in milliseconds.</summary>
internal sealed record SessionStartLimit
{
    public int Total { get; init; } = 1000;

    public int Remaining { get; init; } = 1000;

    public long ResetAfter { get; init; }

    public int MaxConcurrency { get; init; } = 1;
}
