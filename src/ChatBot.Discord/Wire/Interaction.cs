using System.Text.Json;

namespace ChatBot.Discord.Wire;

internal enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>
/// The <c>d</c> of INTERACTION_CREATE (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object). Everything but the id, type and token is optional: older
/// samples (F4) lack <c>application_id</c>, <c>version</c> and <c>context</c>, and live payloads add fields.
/// </summary>
internal sealed record Interaction
{
    public ulong Id { get; init; }

    public ulong ApplicationId { get; init; }

    public InteractionType Type { get; init; }

    public InteractionData? Data { get; init; }

    public ulong? GuildId { get; init; }

    public ulong? ChannelId { get; init; }

    /// <summary>The channel it was sent from (partial): its type tells a thread from a channel.</summary>
    public DiscordChannel? Channel { get; init; }

    public GuildMember? Member { get; init; }

    public DiscordUser? User { get; init; }

    /// <summary>Valid for 15 minutes and as good as a password for this interaction: never logged.</summary>
    public string Token { get; init; } = "";

    public int Version { get; init; }

    public DiscordMessage? Message { get; init; }

    public DiscordPermissions? AppPermissions { get; init; }

    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }

    public InteractionContextType? Context { get; init; }

    public long? AttachmentSizeLimit { get; init; }

    /// <summary>Without the token, which a generated record ToString would print.</summary>
    public override string ToString() => $"interaction {Id} (type {(int)Type}, {Data?.Name ?? Data?.CustomId?.Split(':')[0] ?? "no data"})";
}

/// <summary>A channel as an interaction carries it; only what the bot reads.</summary>
internal sealed record DiscordChannel
{
    public ulong Id { get; init; }

    public int? Type { get; init; }

    /// <summary>Announcement, public and private threads (types 10, 11, 12): posting there needs Send Messages in Threads.</summary>
    public bool IsThread => Type is 10 or 11 or 12;
}

/// <summary>The invoking member in a server; <see cref="Permissions"/> already includes channel overwrites.</summary>
internal sealed record GuildMember
{
    public DiscordUser? User { get; init; }

    public IReadOnlyList<ulong>? Roles { get; init; }

    public DiscordPermissions? Permissions { get; init; }

    public string? Nick { get; init; }
}
