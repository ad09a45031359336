using ChatBot.Discord.Commands;
using ChatBot.Discord.Interactions;

namespace ChatBot.Discord.Community;

/// <summary>Refuses /ask, privately and saying when to try again, once a member is over the per-minute limit.</summary>
internal sealed class AskCooldown(AskRateLimiter limiter) : IInteractionGuard
{
    public ValueTask<Reply?> CheckAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Kind != InteractionType.ApplicationCommand || call.CommandName != AskCommand.Spec.Name || call.UserId is not { } user)
        {
            return ValueTask.FromResult<Reply?>(null);
        }

        return ValueTask.FromResult(limiter.TryAcquire(user) is { } wait ? Reply.Note(AskRateLimiter.Refusal(wait)) : null);
    }
}
