using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;

namespace ChatBot.Discord.Asking;

/// <summary>
/// One question as the pipeline carries it, whatever brought it: its text (scrubbed, at most
/// <see cref="MaxLength"/>), where it came from, who asked where, and the corpus scope it is answered over, decided
/// here once: the bundled corpus, plus the server's own sources in a server; and, when the asker chose one, the one
/// kind of source it quotes (kept by the answer's buttons).
/// </summary>
internal sealed record Question
{
    public const int MaxLength = 1000;

    public Question(string text, QuestionSource source, ulong? guildId, ulong? userId, long? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = TextCut.Prefix(TextBudget.Scrub(text), MaxLength);
        Source = source;
        GuildId = guildId;
        UserId = userId;
        Scope = new CorpusScope(guildId);
        ReceivedAt = receivedAt;
    }

    public string Text { get; }

    public QuestionSource Source { get; }

    public ulong? GuildId { get; }

    public ulong? UserId { get; }

    public CorpusScope Scope { get; }

    /// <summary>The one kind of source the answer quotes (<c>/ask kind:</c>, kept by More and Sources); null: any.</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>When the bot received it (monotonic timestamp of the dispatch), for the latency metric; null: now.</summary>
    public long? ReceivedAt { get; }

    public static Question From(InteractionContext call, string text, QuestionSource source)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new Question(text, source, call.GuildId, call.UserId, call.ReceivedAt);
    }
}
