namespace ChatBot.Discord.Wire;

/// <summary>Message flags that a bot may set (https://discord.com/developers/docs/resources/message#message-object-message-flags); others may appear on received messages.</summary>
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
/// questions and quotes echo user and source text (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
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
