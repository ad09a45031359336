using System.Diagnostics.Metrics;
using ChatBot.Core;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatBot.Discord.Tests.Asking;

/// <summary>
/// The one path of a question. The ask journal is only a seam here (a store behind an interface), so Moq stands in
/// for it; what is checked is what the member sees: the card, its feedback buttons, the scope it was answered over.
/// </summary>
public sealed class QuestionPipelineTests : IDisposable
{
    private readonly ManualTimeProvider time = new();
    private readonly FakeAnswers answers = new();
    private readonly Mock<IAskJournal> journal = new();
    private readonly ServiceProvider meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task AnswerAsync_NewQuestionInAServer_AnsweredOverThatServerAndTheCardCarriesItsAskLogId()
    {
        journal.Setup(j => j.RecordAskAsync(It.IsAny<AskRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync(42L);

        var reply = await Pipeline().AnswerAsync(new Question("who led the coup", QuestionSource.Mention, 7, 9), AnswerView.Card, 0, null, CancellationToken.None);

        Assert.Equal(CorpusScope.ForGuild(7), Assert.Single(answers.Requests).Scope);
        Assert.Contains("fb:up:42", CustomIds(reply));
        journal.Verify(j => j.RecordAskAsync(It.Is<AskRecord>(r => r.Channel == AskChannel.Mention && r.GuildId == 7 && r.UserId == 9), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AnswerAsync_NextPageOfAStoredQuestion_NotLoggedTwiceAndNoFeedbackButtons()
    {
        var reply = await Pipeline().AnswerAsync(new Question("who led the coup", QuestionSource.Button, 7, 9), AnswerView.Card, 3, "Key0123456", CancellationToken.None);

        Assert.Equal(3, Assert.Single(answers.Requests).Skip);
        Assert.DoesNotContain(CustomIds(reply), id => id.StartsWith("fb:", StringComparison.Ordinal));
        journal.Verify(j => j.RecordAskAsync(It.IsAny<AskRecord>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AnswerAsync_LongQuestionWithALoneSurrogate_AskedScrubbedAndCut()
    {
        var question = new Question("who\ud800 " + new string('x', 2000), QuestionSource.DirectMessage, null, 9);

        await Pipeline().AnswerAsync(question, AnswerView.Card, 0, null, CancellationToken.None);

        var asked = Assert.Single(answers.Requests);
        Assert.Equal(CorpusScope.Global, asked.Scope);
        Assert.Equal(Question.MaxLength, asked.Question.Length);
        Assert.True(TextBudget.IsWellFormed(asked.Question));
    }

    [Fact]
    public async Task AnswerAsync_QuestionOfOneKind_AskedForThatKindAndItsButtonsKeepIt()
    {
        var question = new Question("who led the coup", QuestionSource.Slash, 7, 9) { Kind = SourceKind.Primary };

        var reply = await Pipeline().AnswerAsync(question, AnswerView.Card, 0, null, CancellationToken.None);

        Assert.Equal(SourceKind.Primary, Assert.Single(answers.Requests).Kind);
        Assert.Contains(CustomIds(reply), id => id.StartsWith("ask:src:", StringComparison.Ordinal) && id.EndsWith(":primary", StringComparison.Ordinal));
    }

    public void Dispose() => meters.Dispose();

    private QuestionPipeline Pipeline() => new(
        answers,
        journal.Object,
        new QuestionStore(time),
        Options.Create(new AnswersOptions()),
        new DiscordMetrics(meters.GetRequiredService<IMeterFactory>()),
        time);

    private static List<string> CustomIds(Reply reply)
        => reply.Components.SelectMany(row => row.Components).Select(b => b.CustomId ?? "").ToList();
}
