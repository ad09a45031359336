namespace ChatBot.Discord.Rest;

/// <summary>How a route authenticates and which limits apply to it (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction, https://discord.com/developers/docs/topics/rate-limits).</summary>
internal enum RouteKind
{
    /// <summary>Bot-token routes: per-bucket limits and the global 50/s.</summary>
    Bot,

    /// <summary>Interaction webhooks (<c>/webhooks/{app}/{token}</c>): token-authenticated, per-bucket limits, exempt from the global limit.</summary>
    InteractionWebhook,

    /// <summary>Interaction callbacks: never wait for any bucket, only obey a 429's retry_after.</summary>
    InteractionCallback,
}

/// <summary>
/// A request's rate-limit identity: the route template (ids and tokens replaced, so it is safe to log), the
/// major parameter that splits a bucket per top-level resource, and the kind. The client attaches it to each
/// request; the rate-limit handler reads it.
/// </summary>
internal sealed record DiscordRoute(string Template, string MajorParameter, RouteKind Kind)
{
    public static HttpRequestOptionsKey<DiscordRoute> OptionKey { get; } = new("ChatBot.Discord.Route");

    /// <summary>The channel a message is posted to: a 403 there keeps the bot from posting there for a while.</summary>
    public ulong? ChannelId { get; init; }

    /// <summary>
    /// False for requests that can wait or be skipped (a reply to a mention): the invalid-request breaker stops them
    /// first. Interaction answers, gateway discovery and command registration are essential.
    /// </summary>
    public bool Essential { get; init; } = true;

    /// <summary>A request that did not say its route: one shared, conservative bucket.</summary>
    public static DiscordRoute Unknown(HttpMethod method) => new($"{method} (unknown route)", "", RouteKind.Bot);

    public override string ToString() => Template;
}
