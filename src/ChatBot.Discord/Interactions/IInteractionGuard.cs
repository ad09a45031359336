

namespace ChatBot.Discord.Interactions;

/// <summary>
/// A check that runs before the acknowledgement (e.g. a per-user cooldown). It must answer from memory in
/// microseconds; a refusal is sent privately and the command does not run.
/// </summary>
internal interface IInteractionGuard
{
    ValueTask<Reply?> CheckAsync(InteractionContext call, CancellationToken cancellationToken);
}
