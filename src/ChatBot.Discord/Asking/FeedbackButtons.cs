using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;

namespace ChatBot.Discord.Asking;

/// <summary>
/// The feedback buttons on an answer (<see cref="FeedbackButtonId"/>): stored for <c>/gaps</c>; a member's repeated
/// click on the same button counts once.
/// </summary>
internal sealed class FeedbackButtons(IAskJournal journal, FeedbackMemory memory) : IComponentHandler
{
    public const string Prefix = FeedbackButtonId.Prefix;
    public const string ThanksText = "Thanks: the server's moderators see this feedback.";

    public static ComponentSpec Spec { get; } = new(Prefix);

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!FeedbackButtonId.TryParse(call.CustomId, out var parsed))
        {
            return Reply.Note("This button is garbled.");
        }

        var (kind, askId) = parsed.Value;
        if (!memory.FirstTime(call.UserId ?? 0, askId, kind))
        {
            return Reply.Note(ThanksText);
        }

        return await journal.RecordFeedbackAsync(askId, call.GuildId, kind, call.UserId, cancellationToken)
            ? Reply.Note(kind == FeedbackKind.BadQuote ? "Thanks for the report: the server's moderators will look at this answer." : ThanksText)
            : Reply.Note("This answer is no longer on record, so the feedback could not be stored.");
    }
}
