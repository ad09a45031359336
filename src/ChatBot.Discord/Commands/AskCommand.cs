using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Commands;

/// <summary><c>/ask question:&lt;text&gt; [private:&lt;bool&gt;]</c>: the best passages, quoted and cited.</summary>
internal sealed class AskCommand(IAnswerService answers, QuestionStore questions, IAskJournal journal, IOptions<AnswersOptions> options) : ISlashCommand
{
    public const int MaxQuestionLength = 1000;

    public static SlashCommandSpec Spec { get; } = new(
        "ask",
        "Ask a history question; the answer quotes the sources word for word",
        [
            new("question", "Your question, e.g. who led the coup?", Required: true) { MaxLength = MaxQuestionLength },
            new("private", "Show the answer to you only", ApplicationCommandOptionType.Boolean),
        ])
    {
        Ephemeral = static call => call.Boolean("private") ?? false,
    };

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var question = call.String("question").Trim();
        if (question.Length == 0)
        {
            return Reply.Note("Ask a question, for example `/ask question: who led the coup?`");
        }

        if (question.Length > MaxQuestionLength)
        {
            question = question[..MaxQuestionLength];
        }

        var answer = await answers.AnswerAsync(new AnswerRequest(question, call.Scope, options.Value.MaxResults), cancellationToken);
        var askId = await journal.RecordAskAsync(AskLog.Record(answer, call.GuildId, AskChannel.Command, call.UserId), cancellationToken);
        return AnswerCard.Render(answer, new AnswerPage(questions.Add(question), 0, askId > 0 ? askId : null));
    }
}
