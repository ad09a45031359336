using System.Collections.Concurrent;
using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Community;

/// <summary>
/// The feedback buttons on an answer: <c>fb:up:{ask}</c>, <c>fb:down:{ask}</c>, <c>fb:bad:{ask}</c>, where ask
/// is the ask log id. Stored for <c>/gaps</c>; a member's repeated click on the same button counts once.
/// </summary>
internal sealed class FeedbackButtons(IAskJournal journal, FeedbackMemory memory) : IComponentHandler
{
    public const string Prefix = "fb";
    public const string ThanksText = "Thanks: the server's moderators see this feedback.";

    public static ComponentSpec Spec { get; } = new(Prefix);

    public static IReadOnlyList<Button> For(long askId) =>
    [
        Button.Action("👍", Id("up", askId)),
        Button.Action("👎", Id("down", askId)),
        Button.Action("Report a bad quote", Id("bad", askId), ButtonStyle.Danger),
    ];

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var parts = call.CustomId?.Split(':');
        FeedbackKind? kind = parts is [Prefix, var verb, _] ? verb switch
        {
            "up" => FeedbackKind.Helpful,
            "down" => FeedbackKind.NotHelpful,
            "bad" => FeedbackKind.BadQuote,
            _ => null,
        } : null;
        if (kind is null || !long.TryParse(parts![2], NumberStyles.None, CultureInfo.InvariantCulture, out var askId))
        {
            return Reply.Note("This button is garbled.");
        }

        if (!memory.FirstTime(call.UserId ?? 0, askId, kind.Value))
        {
            return Reply.Note(ThanksText);
        }

        return await journal.RecordFeedbackAsync(askId, call.GuildId, kind.Value, call.UserId, cancellationToken)
            ? Reply.Note(kind == FeedbackKind.BadQuote ? "Thanks for the report: the server's moderators will look at this answer." : ThanksText)
            : Reply.Note("This answer is no longer on record, so the feedback could not be stored.");
    }

    private static string Id(string verb, long askId) => $"{Prefix}:{verb}:{askId.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Which member already gave which feedback on which answer, for this process: bounded, in memory only.</summary>
internal sealed class FeedbackMemory
{
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<(ulong User, long Ask, FeedbackKind Kind), byte> given = new();

    public bool FirstTime(ulong userId, long askId, FeedbackKind kind)
    {
        if (given.Count >= Capacity)
        {
            given.Clear();
        }

        return given.TryAdd((userId, askId, kind), 0);
    }
}
