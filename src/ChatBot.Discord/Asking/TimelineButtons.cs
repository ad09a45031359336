using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Asking;

/// <summary>
/// A timeline card's Previous / Next buttons, <c>tl:{key}:{skip}</c>: the page of the timeline from entry
/// <c>skip</c>, privately. The topic comes from the question store, or from the card's title once the store has
/// forgotten it, as for the answer card's buttons.
/// </summary>
internal sealed class TimelineButtons(ITimelineService timelines, QuestionStore topics, ILogger<TimelineButtons> logger) : IComponentHandler
{
    public const string GarbledText = "This button is garbled. Ask again with /timeline.";
    public const string ExpiredText = "This timeline has expired. Ask again with /timeline.";

    public static ComponentSpec Spec { get; } = new(TimelineButtonId.Prefix);

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!TimelineButtonId.TryParse(call.CustomId, out var parsed))
        {
            InteractionLog.GarbledCustomId(logger, call.Id, TimelineButtonId.Prefix);
            return Reply.Note(GarbledText);
        }

        var (key, skip) = parsed.Value;
        if (!topics.TryGet(key, out var topic))
        {
            var fromTitle = TimelineCard.TopicFromTitle(call.Message?.Embeds is [var first, ..] ? first.Title : null);
            if (fromTitle is null)
            {
                return Reply.Note(ExpiredText);
            }

            topic = fromTitle;
            key = topics.Add(topic);
        }

        var timeline = await timelines.BuildAsync(topic, call.Scope, cancellationToken);
        return TimelineCard.Render(timeline, new TimelinePage(key, skip));
    }
}
