using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Asking;

/// <summary>
/// The answer card's buttons: "More" shows the next results for the same question, "Sources" lists the
/// sources the card quotes. Both answer privately. The question comes from the question store, or from the
/// card's title once the store has forgotten it.
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
        var key = id.Key;
        if (!questions.TryGet(key, out var question))
        {
            var fromTitle = AnswerCard.QuestionFromTitle(call.Message?.Embeds is [var first, ..] ? first.Title : null);
            if (fromTitle is null)
            {
                return Reply.Note(ExpiredText);
            }

            question = fromTitle;
            key = questions.Add(question);
        }

        var view = id.Action == AskButtonAction.More ? AnswerView.Card : AnswerView.Sources;
        return await pipeline.AnswerAsync(Question.From(call, question, QuestionSource.Button) with { Kind = id.Kind }, view, id.Skip, key, cancellationToken);
    }
}
