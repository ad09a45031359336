using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Asking;

/// <summary><c>/ask question:&lt;text&gt; [private:&lt;bool&gt;] [kind:primary|secondary|tertiary]</c>: the best passages, quoted and cited (of one kind of source when asked).</summary>
internal sealed class AskCommand(QuestionPipeline pipeline) : ISlashCommand
{
    public const int MaxQuestionLength = Question.MaxLength;

    public static SlashCommandSpec Spec { get; } = new(
        "ask",
        "Ask a history question; the answer quotes the sources word for word",
        [
            new("question", "Your question, e.g. who led the coup?", Required: true) { MaxLength = MaxQuestionLength },
            new("private", "Show the answer to you only", ApplicationCommandOptionType.Boolean),
            new("kind", "Quote only primary, secondary or tertiary sources")
            {
                Choices = [.. SourceKinds.All.Select(k => new ApplicationCommandChoice(SourceKinds.Name(k), SourceKinds.Name(k)))],
            },
        ])
    {
        Ephemeral = static call => call.Boolean("private") ?? false,
        Check = static call => call.OptionalString("question") is { } question && question.Trim().Length == 0 ? Reply.Note(EmptyText) : null,
    };

    public const string EmptyText = "Ask a question, for example `/ask question: who led the coup?`";

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var question = call.String("question").Trim();
        if (question.Length == 0)
        {
            return Reply.Note(EmptyText);
        }

        SourceKind? kind = SourceKinds.TryParse(call.OptionalString("kind"), out var parsed) ? parsed : null;
        var asked = Question.From(call, question, QuestionSource.Slash) with { Kind = kind };
        return await pipeline.AnswerAsync(asked, AnswerView.Card, skip: 0, key: null, cancellationToken);
    }
}
