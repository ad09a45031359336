using ChatBot.Core;

namespace ChatBot.Discord.Asking;

/// <summary>
/// The ask log when the bot runs without a store for it (tests of the Discord client alone): nothing is kept,
/// and answers carry no feedback buttons that could not be stored.
/// </summary>
internal sealed class NoAskJournal : IAskJournal
{
    public ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    public ValueTask<bool> RecordFeedbackAsync(long askId, ulong? guildId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken)
        => ValueTask.FromResult(new GapReport(window, 0, 0, [], 0, 0, 0));
}
