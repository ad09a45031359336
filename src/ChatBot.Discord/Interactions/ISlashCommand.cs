

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
