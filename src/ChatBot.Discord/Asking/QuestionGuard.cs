using ChatBot.Discord.Foundation;

namespace ChatBot.Discord.Asking;

/// <summary>
/// The first stage of every question: the per-member limit (<see cref="AskRateLimiter"/>), from memory, before any
/// acknowledgement, with refusals counted in the metrics. The router's <see cref="AskCooldown"/> and the chat
/// handler both ask it; the bounded concurrency that follows is the command gate's.
/// </summary>
internal sealed class QuestionGuard(AskRateLimiter limiter, DiscordMetrics metrics)
{
    public AskAdmission Admit(QuestionSource source, ulong userId, bool publicRefusal)
    {
        var admission = limiter.Admit(userId, publicRefusal);
        if (!admission.Allowed)
        {
            Refused(source);
        }

        return admission;
    }

    /// <summary>A question turned away for another reason (no free command slot), counted alike.</summary>
    public void Refused(QuestionSource source) => metrics.Question(source.Tag(), "refused");
}
