namespace ChatBot.Core;

/// <summary>The ask log, the feedback on answers, and the gaps they show.</summary>
public interface IAskJournal
{
    /// <summary>Logs a question and its outcome; returns its id, which feedback refers to.</summary>
    ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken);

    /// <summary>
    /// Stores feedback on an answer given in <paramref name="guildId"/> (null: a DM); false when that place has no
    /// ask with that id (a garbled button, or one copied from another server).
    /// </summary>
    ValueTask<bool> RecordFeedbackAsync(long askId, ulong? guildId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken);

    ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken);
}
