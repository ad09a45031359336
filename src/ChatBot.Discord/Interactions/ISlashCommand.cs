using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Interactions;

/// <summary>
/// A slash command: its shape (<see cref="Spec"/>, registered with Discord at start) and what it does. It takes
/// its dependencies in its constructor, runs in its own DI scope, and returns a <see cref="Reply"/>; it never
/// talks to Discord, so it is testable without a network.
/// </summary>
internal interface ISlashCommand
{
    static abstract SlashCommandSpec Spec { get; }

    ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken);
}

/// <summary>A command with an autocompleted option; answers type 4 interactions with at most 25 choices.</summary>
internal interface IAutocompleteCommand : ISlashCommand
{
    ValueTask<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(InteractionContext call, CancellationToken cancellationToken);
}

/// <summary>
/// Handles buttons, selects and modals whose custom id starts with <see cref="ComponentSpec.Prefix"/> and a
/// colon. A garbled or expired id is the user's problem, not an error: answer with <see cref="Reply.Note"/>.
/// </summary>
internal interface IComponentHandler
{
    static abstract ComponentSpec Spec { get; }

    ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken);
}

/// <summary>
/// A check that runs before the acknowledgement (e.g. a per-user cooldown). It must answer from memory in
/// microseconds; a refusal is sent privately and the command does not run.
/// </summary>
internal interface IInteractionGuard
{
    ValueTask<Reply?> CheckAsync(InteractionContext call, CancellationToken cancellationToken);
}
