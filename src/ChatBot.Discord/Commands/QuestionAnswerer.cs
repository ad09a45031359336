using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Commands;

/// <summary>
/// Answers a member's question however it reached the bot (/ask, a mention, a DM): the engine over the corpus the
/// place sees (the bundled one, plus the server's own in a server), the ask log, then the quote card with its
/// paging and feedback buttons.
/// </summary>
internal sealed class QuestionAnswerer(IAnswerService answers, IAskJournal journal, QuestionStore questions, IOptions<AnswersOptions> options)
{
    public async ValueTask<Reply> AnswerAsync(string question, ulong? guildId, AskChannel channel, ulong? userId, CancellationToken cancellationToken, SourceKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        question = TextBudget.Prefix(TextBudget.Scrub(question), AskCommand.MaxQuestionLength);

        var scope = guildId is { } guild ? CorpusScope.ForGuild(guild) : CorpusScope.Global;
        var answer = await answers.AnswerAsync(new AnswerRequest(question, scope, options.Value.MaxResults, Kind: kind), cancellationToken);
        var askId = await journal.RecordAskAsync(AskLog.Record(answer, guildId, channel, userId), cancellationToken);
        return AnswerCard.Render(answer, new AnswerPage(questions.Add(question), 0, askId > 0 ? askId : null) { Kind = kind });
    }
}
