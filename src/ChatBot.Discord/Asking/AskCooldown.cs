using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Asking;

/// <summary>
/// Refuses a member's question, privately and saying when to try again, once they are over the per-minute limit.
/// Questions are /ask, /verify, /timeline and every button on an answer (More, Sources, the feedback buttons) or a timeline (Previous, Next); mentions and DMs count
/// toward the same limit (see <see cref="MessageAskHandler"/>). Moderators' commands and autocomplete do not count.
/// </summary>
internal sealed class AskCooldown(QuestionGuard guard) : IInteractionGuard
{
    public ValueTask<Reply?> CheckAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!IsQuestion(call) || call.UserId is not { } user)
        {
            return ValueTask.FromResult<Reply?>(null);
        }

        var source = call.Kind == InteractionType.ApplicationCommand ? QuestionSource.Slash : QuestionSource.Button;
        return ValueTask.FromResult(guard.Admit(source, user, publicRefusal: false).Wait is { } wait ? Reply.Note(AskRateLimiter.Refusal(wait)) : null);
    }

    /// <summary>/ask, /verify, /timeline, or a button of an answer or timeline card: what the per-member limit counts.</summary>
    public static bool IsQuestion(InteractionContext call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Kind switch
        {
            InteractionType.ApplicationCommand => call.CommandName == AskCommand.Spec.Name || call.CommandName == VerifyCommand.Spec.Name || call.CommandName == TimelineCommand.Spec.Name,
            InteractionType.MessageComponent => call.CustomId?.Split(':')[0] is AskButtonId.Prefix or TimelineButtonId.Prefix or FeedbackButtons.Prefix,
            _ => false,
        };
    }
}
