namespace ChatBot.Discord.Wire;

internal enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
    PrimaryEntryPoint = 4,
}

/// <summary>Where a command may be used: 0 a server, 1 the bot's DMs, 2 other private channels.</summary>
internal enum InteractionContextType
{
    Guild = 0,
    BotDm = 1,
    PrivateChannel = 2,
}

/// <summary>An application command as sent to and returned by <c>/applications/{id}/commands</c> (https://discord.com/developers/docs/interactions/application-commands#application-command-object).</summary>
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
