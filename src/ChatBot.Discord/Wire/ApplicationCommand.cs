namespace ChatBot.Discord.Wire;

internal enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
    PrimaryEntryPoint = 4,
}

internal enum ApplicationCommandOptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
    Attachment = 11,
}

/// <summary>Where a command may be used: 0 a server, 1 the bot's DMs, 2 other private channels.</summary>
internal enum InteractionContextType
{
    Guild = 0,
    BotDm = 1,
    PrivateChannel = 2,
}

/// <summary>An application command as sent to and returned by <c>/applications/{id}/commands</c> (§4).</summary>
internal sealed record ApplicationCommand
{
    public ulong? Id { get; init; }

    public ApplicationCommandType? Type { get; init; }

    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    public DiscordPermissions? DefaultMemberPermissions { get; init; }

    public IReadOnlyList<InteractionContextType>? Contexts { get; init; }

    public IReadOnlyList<int>? IntegrationTypes { get; init; }

    public bool? Nsfw { get; init; }
}

internal sealed record ApplicationCommandOption
{
    public ApplicationCommandOptionType Type { get; init; }

    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    public bool? Required { get; init; }

    public IReadOnlyList<ApplicationCommandChoice>? Choices { get; init; }

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    public bool? Autocomplete { get; init; }
}

/// <summary>A fixed choice; the value is a string, an integer or a double (read back as a JSON element).</summary>
internal sealed record ApplicationCommandChoice(string Name, object Value);
