using System.Globalization;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// What a handler needs to know about one interaction, read from the payload once: who (user, member
/// permissions), where (server, channel, scope), what (command, subcommand path, options, focused option,
/// custom id, selected values, resolved attachments) and when it arrived.
/// </summary>
internal sealed class InteractionContext
{
    private readonly Dictionary<string, InteractionDataOption> options = new(StringComparer.Ordinal);

    public InteractionContext(Interaction interaction, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Interaction = interaction;
        ReceivedAt = receivedAt;
        var leaves = interaction.Data?.Options ?? [];
        var path = new List<string>(2);
        while (leaves is [{ Type: ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup } branch])
        {
            path.Add(branch.Name);
            leaves = branch.Options ?? [];
        }

        Subcommand = path.Count > 0 ? string.Join(' ', path) : null;
        foreach (var option in leaves)
        {
            options[option.Name] = option;
            if (option.Focused is true)
            {
                Focused = option;
            }
        }
    }

    public Interaction Interaction { get; }

    public ulong Id => Interaction.Id;

    public InteractionType Kind => Interaction.Type;

    /// <summary>When the gateway message arrived (a <see cref="TimeProvider"/> timestamp); the 3-second deadline counts from here.</summary>
    public long ReceivedAt { get; }

    public string? CommandName => Interaction.Data?.Name;

    /// <summary>"add" for <c>/source add</c>, "group sub" for a grouped subcommand, else null.</summary>
    public string? Subcommand { get; }

    /// <summary>The option being typed in an autocomplete interaction.</summary>
    public InteractionDataOption? Focused { get; }

    public string? FocusedValue => Focused?.Value is { ValueKind: JsonValueKind.String } value ? DiscordJson.String(value) : Focused?.Value?.ToString();

    public DiscordUser? User => Interaction.Member?.User ?? Interaction.User;

    public ulong? UserId => User?.Id;

    public ulong? GuildId => Interaction.GuildId;

    public ulong? ChannelId => Interaction.ChannelId;

    /// <summary>The member's permissions in this channel, overwrites included; null in a DM.</summary>
    public DiscordPermissions? MemberPermissions => Interaction.Member?.Permissions;

    public DiscordPermissions? AppPermissions => Interaction.AppPermissions;

    public string? Locale => Interaction.Locale;

    /// <summary>The server's corpus plus the global one in a server; the global corpus alone in a DM.</summary>
    public CorpusScope Scope => GuildId is { } guild ? CorpusScope.ForGuild(guild) : CorpusScope.Global;

    public string? CustomId => Interaction.Data?.CustomId;

    public IReadOnlyList<string> Values => Interaction.Data?.Values ?? [];

    /// <summary>The message a component was on.</summary>
    public DiscordMessage? Message => Interaction.Message;

    public bool HasOption(string name) => options.ContainsKey(name);

    /// <summary>A required string option; its absence means a malformed payload. Invalid UTF-16 in it reads as U+FFFD.</summary>
    public string String(string name)
        => OptionalString(name) ?? throw new InteractionFormatException($"The option '{name}' is missing.");

    public string? OptionalString(string name)
        => Value(name) is { } value ? value.ValueKind == JsonValueKind.String ? DiscordJson.String(value) : value.GetRawText() : null;

    public bool? Boolean(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } text when bool.TryParse(DiscordJson.String(text), out var parsed) => parsed,
        null => null,
        _ => throw new InteractionFormatException($"The option '{name}' is not a boolean."),
    };

    public long? Integer(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var parsed) => parsed,
        null => null,
        _ => throw new InteractionFormatException($"The option '{name}' is not an integer."),
    };

    public double? Number(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetDouble(),
        null => null,
        _ => throw new InteractionFormatException($"The option '{name}' is not a number."),
    };

    /// <summary>A USER, CHANNEL, ROLE, MENTIONABLE or ATTACHMENT option: a snowflake string.</summary>
    public ulong? Snowflake(string name)
        => OptionalString(name) is { } text
            ? ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new InteractionFormatException($"The option '{name}' is not an id.")
            : null;

    /// <summary>An ATTACHMENT option, looked up in <c>resolved.attachments</c>.</summary>
    public DiscordAttachment? Attachment(string name)
        => Snowflake(name) is { } id && Interaction.Data?.Resolved?.Attachments is { } attachments && attachments.TryGetValue(id, out var attachment) ? attachment : null;

    /// <summary>True when the member has every bit of <paramref name="required"/>, or is an administrator.</summary>
    public bool HasPermissions(DiscordPermissions required)
        => required == DiscordPermissions.None
           || (MemberPermissions is { } granted && (granted.HasFlag(DiscordPermissions.Administrator) || (granted & required) == required));

    private JsonElement? Value(string name)
        => options.TryGetValue(name, out var option) && option.Value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value : null;
}
