using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Asking;

/// <summary>What a question's answer is drawn as: the quote card (a page of it), or the list of the sources it quotes.</summary>
internal enum AnswerView
{
    Card,
    Sources,
}

/// <summary>
/// The one path of a question, however it came (/ask, a mention, a DM, an answer's buttons). Before it, in memory and
/// before any acknowledgement, the <see cref="QuestionGuard"/> has admitted it (the per-member limit) and the caller
/// holds a command slot. Here: <b>answer</b> (the engine over <see cref="Question.Scope"/>), <b>log</b> (a new
/// question goes to the ask log, whose id the feedback buttons carry), <b>render</b> (<see cref="AnswerCard"/>, with
/// <see cref="AnswerSummary"/> deciding the outcome once), counted in the metrics by source and outcome. The caller
/// <b>sends</b> the reply: the router for an interaction, a reply message for a mention or a DM.
/// </summary>
internal sealed class QuestionPipeline(
    IAnswerService answers,
    IAskJournal journal,
    QuestionStore questions,
    IOptions<AnswersOptions> options,
    DiscordMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Answers <paramref name="question"/>: the page from <paramref name="skip"/>, under the question-store
    /// <paramref name="key"/> its buttons carry (null: a new question, stored and logged).
    /// </summary>
    public async ValueTask<Reply> AnswerAsync(Question question, AnswerView view, int skip, string? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var started = question.ReceivedAt ?? time.GetTimestamp();
        try
        {
            var answer = await answers.AnswerAsync(new AnswerRequest(question.Text, question.Scope, options.Value.MaxResults, skip, question.Kind), cancellationToken);
            long? askId = null;
            if (key is null)
            {
                key = questions.Add(question.Text);
                var logged = await journal.RecordAskAsync(AskLog.Record(answer, question.GuildId, question.Source.Channel(), question.UserId), cancellationToken);
                askId = logged > 0 ? logged : null;
            }

            var summary = AnswerCard.Summarize(answer);
            var reply = view == AnswerView.Card ? AnswerCard.Render(answer, summary, new AnswerPage(key, skip, askId) { Kind = question.Kind }) : AnswerSourcesCard.Render(answer);
            metrics.Answered(question.Source.Tag(), summary.Covered ? "confident" : "not_covered", time.GetElapsedTime(started));
            return reply;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Counted here, answered by the one catch of the transport (the router, or the chat handler).
            metrics.Question(question.Source.Tag(), "failed");
            throw;
        }
    }
}
