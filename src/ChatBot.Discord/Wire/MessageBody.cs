namespace ChatBot.Discord.Wire;

/// <summary>Message flags that a bot may set (§3.4); others may appear on received messages.</summary>
[Flags]
internal enum MessageFlags
{
    None = 0,
    SuppressEmbeds = 1 << 2,
    Ephemeral = 1 << 6,
    SuppressNotifications = 1 << 12,
}

/// <summary>
/// Which mentions in a message may ping. Every body the bot sends carries <see cref="None"/>, because
/// questions and quotes echo user and source text (§3.5).
/// </summary>
internal sealed record AllowedMentions
{
    public static AllowedMentions None { get; } = new();

    public IReadOnlyList<string> Parse { get; init; } = [];

    public bool? RepliedUser { get; init; }
}

/// <summary>
/// The body of a message: an interaction callback's data, an edit of <c>@original</c>, a follow-up, or a channel
/// message. <see cref="AllowedMentions"/> cannot be null, so no body ever leaves without it.
/// </summary>
internal sealed record MessageBody
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<ActionRow>? Components { get; init; }

    public MessageFlags? Flags { get; init; }

    public AllowedMentions AllowedMentions
    {
        get;
        init => field = value ?? AllowedMentions.None;
    } = AllowedMentions.None;

    public MessageReference? MessageReference { get; init; }
}

/// <summary>A reply's pointer to the message it answers; <c>fail_if_not_exists: false</c> sends it even if that message is gone.</summary>
internal sealed record MessageReference(ulong MessageId, ulong? ChannelId = null, ulong? GuildId = null)
{
    public bool FailIfNotExists { get; init; }
}

internal sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public int? Color { get; init; }

    public EmbedFooter? Footer { get; init; }

    public EmbedAuthor? Author { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

internal sealed record EmbedFooter(string Text);

internal sealed record EmbedAuthor(string Name);

internal sealed record EmbedField(string Name, string Value)
{
    public bool? Inline { get; init; }
}

internal enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    StringSelect = 3,
    TextInput = 4,
}

internal enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

/// <summary>A legacy action row: at most five buttons (§5).</summary>
internal sealed record ActionRow(IReadOnlyList<Button> Components)
{
    public ComponentType Type { get; } = ComponentType.ActionRow;
}

/// <summary>A button; interactive styles carry a custom id of 1–100 characters, link buttons a URL.</summary>
internal sealed record Button
{
    public const int MaxCustomIdLength = 100;
    public const int MaxLabelLength = 80;

    public ComponentType Type { get; } = ComponentType.Button;

    public ButtonStyle Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }

    public string? Url { get; init; }

    public bool? Disabled { get; init; }

    public static Button Action(string label, string customId, ButtonStyle style = ButtonStyle.Secondary)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentException.ThrowIfNullOrEmpty(customId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customId.Length, MaxCustomIdLength, nameof(customId));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(label.Length, MaxLabelLength, nameof(label));
        return new Button { Style = style, Label = label, CustomId = customId };
    }
}

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

/// <summary>An error body (F8): a JSON code, a message, and for 50035 a tree of field errors.</summary>
internal sealed record DiscordErrorBody
{
    public int? Code { get; init; }

    public string? Message { get; init; }

    public System.Text.Json.JsonElement? Errors { get; init; }
}

/// <summary>A 429 body (F7).</summary>
internal sealed record RateLimitBody
{
    public string? Message { get; init; }

    public double RetryAfter { get; init; }

    public bool Global { get; init; }

    public int? Code { get; init; }
}

/// <summary><c>GET /gateway/bot</c> (§1.1).</summary>
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
