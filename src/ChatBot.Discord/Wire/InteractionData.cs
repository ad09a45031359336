using System.Text.Json;

namespace ChatBot.Discord.Wire;

/// <summary>The union of command, autocomplete, component and modal data (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-data).</summary>
internal sealed record InteractionData
{
    public ulong? Id { get; init; }

    public string? Name { get; init; }

    public ApplicationCommandType? Type { get; init; }

    public ResolvedData? Resolved { get; init; }

    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    public ulong? GuildId { get; init; }

    public ulong? TargetId { get; init; }

    public string? CustomId { get; init; }

    public ComponentType? ComponentType { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>A modal's submitted rows, kept raw until a modal needs them.</summary>
    public JsonElement? Components { get; init; }
}

/// <summary>An option as invoked: a value, or nested options for a subcommand or group, never both.</summary>
internal sealed record InteractionDataOption
{
    public string Name { get; init; } = "";

    public ApplicationCommandOptionType Type { get; init; }

    public JsonElement? Value { get; init; }

    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    public bool? Focused { get; init; }
}

internal sealed record ResolvedData
{
    public IReadOnlyDictionary<ulong, DiscordUser>? Users { get; init; }

    public IReadOnlyDictionary<ulong, GuildMember>? Members { get; init; }

    public IReadOnlyDictionary<ulong, DiscordAttachment>? Attachments { get; init; }
}
