using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Asking;

/// <summary>
/// A timeline card's Previous / Next buttons, <c>tl:{key}:{skip}</c>: the page of the timeline from entry
/// <c>skip</c>, privately. The topic is recalled by <see cref="PagedButtons"/>, as for the answer card's buttons.
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
        if (PagedButtons.Recall(topics, key, call, TimelineCard.TopicFromTitle) is not { } recalled)
        {
            return Reply.Note(ExpiredText);
        }

        var timeline = await timelines.BuildAsync(recalled.Text, call.Scope, cancellationToken);
        return TimelineCard.Render(timeline, new TimelinePage(recalled.Key, skip));
    }
}
