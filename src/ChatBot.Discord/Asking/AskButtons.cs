using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Asking;

/// <summary>
/// The answer card's buttons: "More" shows the next results for the same question, "Sources" lists the
/// sources the card quotes. Both answer privately. The question is recalled by <see cref="PagedButtons"/>.
/// </summary>
internal sealed class AskButtons(QuestionPipeline pipeline, QuestionStore questions, ILogger<AskButtons> logger) : IComponentHandler
{
    public const string GarbledText = "This button is garbled. Ask again with /ask.";
    public const string ExpiredText = "This answer has expired. Ask again with /ask.";

    public static ComponentSpec Spec { get; } = new(AskButtonId.Prefix);

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!AskButtonId.TryParse(call.CustomId, out var parsed))
        {
            InteractionLog.GarbledCustomId(logger, call.Id, AskButtonId.Prefix);
            return Reply.Note(GarbledText);
        }

        var id = parsed.Value;
        if (PagedButtons.Recall(questions, id.Key, call, QuestionTitle.Read) is not { } recalled)
        {
            return Reply.Note(ExpiredText);
        }

        var view = id.Action == AskButtonAction.More ? AnswerView.Card : AnswerView.Sources;
        return await pipeline.AnswerAsync(Question.From(call, recalled.Text, QuestionSource.Button) with { Kind = id.Kind }, view, id.Skip, recalled.Key, cancellationToken);
    }
}
