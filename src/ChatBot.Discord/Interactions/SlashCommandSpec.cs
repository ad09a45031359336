using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Interactions;

/// <summary>
/// A slash command's shape and how the router treats it. <see cref="RequiredPermissions"/> becomes
/// <c>default_member_permissions</c> and is checked again on <c>member.permissions</c>, because server
/// admins can override the default. <see cref="Ephemeral"/> is decided before the defer, since a deferred
/// response cannot change its visibility later.
/// </summary>
internal sealed record SlashCommandSpec(string Name, string Description, IReadOnlyList<CommandOptionSpec> Options)
{
    public DiscordPermissions? RequiredPermissions { get; init; }

    /// <summary>Where it can be used (global registration only): servers and the bot's DMs by default.</summary>
    public IReadOnlyList<InteractionContextType> Contexts { get; init; } = [InteractionContextType.Guild, InteractionContextType.BotDm];

    /// <summary>Defer (type 5) before running; only a command that answers from memory should set false.</summary>
    public bool Defer { get; init; } = true;

    public Func<InteractionContext, bool> Ephemeral { get; init; } = static _ => false;

    /// <summary>
    /// Checks the input before the acknowledgement, from memory: a reply (a short note) means bad input, answered
    /// privately whatever <see cref="Ephemeral"/> says, and the command does not run.
    /// </summary>
    public Func<InteractionContext, Reply?>? Check { get; init; }

    public ApplicationCommand ToApplicationCommand(bool global) => new()
    {
        Type = ApplicationCommandType.ChatInput,
        Name = Name,
        Description = Description,
        Options = Options.Count > 0 ? Options.Select(o => o.ToApplicationCommandOption()).ToList() : null,
        DefaultMemberPermissions = RequiredPermissions,
        Contexts = global ? Contexts : null,
        IntegrationTypes = global ? [0] : null,
    };
}
