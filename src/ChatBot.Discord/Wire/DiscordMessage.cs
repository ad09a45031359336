namespace ChatBot.Discord.Wire;

/// <summary>A message as Discord returns it; only the fields the bot reads.</summary>
internal sealed record DiscordMessage
{
    public ulong Id { get; init; }

    public ulong ChannelId { get; init; }

    public ulong? GuildId { get; init; }

    public DiscordUser? Author { get; init; }

    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public MessageFlags? Flags { get; init; }

    public IReadOnlyList<DiscordUser>? Mentions { get; init; }

    public ulong? WebhookId { get; init; }
}

internal sealed record DiscordUser
{
    public ulong Id { get; init; }

    public string? Username { get; init; }

    public string? GlobalName { get; init; }

    public bool? Bot { get; init; }
}

internal sealed record DiscordAttachment
{
    public ulong Id { get; init; }

    public string Filename { get; init; } = "";

    public string? ContentType { get; init; }

    public long Size { get; init; }

    public string Url { get; init; } = "";

    public string? ProxyUrl { get; init; }
}
