using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;

namespace ChatBot.Discord.Asking;

/// <summary>
/// <c>/timeline topic:&lt;text&gt;</c>: the dated events the passages on a topic state, in chronological order, over
/// the corpus the asker may see (in a server, the bundled corpus and that server's sources; in a DM, the bundled
/// corpus), a page at a time with Previous / Next buttons. Public, like an answer; only a refusal is private.
/// </summary>
internal sealed class TimelineCommand(ITimelineService timelines, QuestionStore topics) : ISlashCommand
{
    public const string EmptyText = "Give a topic, for example `/timeline topic: bolivia`";

    public static SlashCommandSpec Spec { get; } = new(
        "timeline",
        "The dated events the corpus states about a topic, in chronological order",
        [new("topic", "A name, a place or an event, e.g. bolivia", Required: true) { MaxLength = Timeline.MaxTopicLength }])
    {
        Check = static call => Refusal(call.OptionalString("topic")),
    };

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var topic = call.String("topic");
        if (Refusal(topic) is { } refusal)
        {
            return refusal;
        }

        topic = TextBudget.Scrub(topic).Trim();
        var timeline = await timelines.BuildAsync(topic, call.Scope, cancellationToken);
        return TimelineCard.Render(timeline, new TimelinePage(topics.Add(topic), 0));
    }

    /// <summary>A topic with no word (a word starts with a letter or digit) or longer than the limit is refused.</summary>
    private static Reply? Refusal(string? topic) => topic switch
    {
        null => null,
        { Length: > Timeline.MaxTopicLength } => Reply.Note($"That topic is too long: at most {Timeline.MaxTopicLength} characters."),
        _ when !topic.Any(char.IsLetterOrDigit) => Reply.Note(EmptyText),
        _ => null,
    };
}
