

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Handles buttons, selects and modals whose custom id starts with <see cref="ComponentSpec.Prefix"/> and a
/// colon. A garbled or expired id is the user's problem, not an error: answer with <see cref="Reply.Note"/>.
/// </summary>
internal interface IComponentHandler
{
    static abstract ComponentSpec Spec { get; }

    ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken);
}
