using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>A row the ask journal stores: a question asked, or feedback on an answer.</summary>
public abstract record AskLogRow;

/// <summary>A question as the ask log keeps it; <paramref name="QuestionKey"/> groups the same question in other words of case and spacing.</summary>
public sealed record AskRow(
    long Id, DateTimeOffset At, ulong GuildId, string Channel, string Question, string QuestionKey, bool Confident, string? TopSource,
    double ElapsedMs, ulong? UserId) : AskLogRow;

/// <summary>Feedback on the ask <paramref name="AskId"/>.</summary>
public sealed record FeedbackRow(long AskId, DateTimeOffset At, string Kind, ulong? UserId) : AskLogRow;

/// <summary>What the ask log says of a server since a time: questions asked, not answered, the unanswered ones grouped, and feedback by kind.</summary>
public sealed record GapCounts(int Asked, int NotAnswered, IReadOnlyList<GapEntry> Questions, IReadOnlyDictionary<string, int> Feedback);

/// <summary>The ask log and feedback tables, and the counter that hands out ask ids.</summary>
public interface IAskLogStore
{
    /// <summary>
    /// Moves the reserved-ask-id counter on by <paramref name="count"/> (never back, never to an id already used) and
    /// returns the block; unique across every process that shares the store.
    /// </summary>
    (long First, long Last) ReserveAskIds(int count);

    /// <summary>Whether an ask with this id was stored for this place (0: DMs).</summary>
    bool AskExists(long askId, ulong guildId);

    /// <summary>Stores the rows in one transaction, in order.</summary>
    void Write(IReadOnlyList<AskLogRow> rows);

    /// <summary>The server's asks and feedback since <paramref name="since"/>; at most <paramref name="limit"/> unanswered questions, most asked first.</summary>
    GapCounts Gaps(ulong guildId, DateTimeOffset since, int limit);
}
