using System.Collections.Concurrent;
using ChatBot.Core;

namespace ChatBot.Discord.Tests.Support;

/// <summary>An answer service that records its requests and answers with whatever the test says (a sample card by default).</summary>
internal sealed class FakeAnswers : IAnswerService
{
    public ConcurrentQueue<AnswerRequest> Requests { get; } = new();

    public Func<AnswerRequest, CancellationToken, ValueTask<Answer>> Handler { get; set; } = static (request, _) => ValueTask.FromResult(SampleAnswers.Confident(request));

    public ValueTask<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Handler(request, cancellationToken);
    }
}

internal sealed class FakeCatalog : ISourceCatalog
{
    public List<SourceSummary> Sources { get; } =
    [
        new("bolivia-1964", "The Bolivian coup of 1964", "J. Historian", "https://example.org/bolivia", 42, null, DateTimeOffset.UnixEpoch),
        new("club-notes", "Club notes", null, null, 7, FakeDiscordIds.Guild, DateTimeOffset.UnixEpoch),
    ];

    public ValueTask<IReadOnlyList<SourceSummary>> ListSourcesAsync(CorpusScope scope, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<SourceSummary>>(Sources.Where(s => s.GuildId is null || s.GuildId == scope.GuildId).ToList());

    public ValueTask<CorpusStats> GetStatsAsync(CorpusScope scope, CancellationToken cancellationToken)
    {
        var visible = Sources.Where(s => s.GuildId is null || s.GuildId == scope.GuildId).ToList();
        return ValueTask.FromResult(new CorpusStats(visible.Count, visible.Sum(s => s.PassageCount)));
    }
}

internal static class FakeDiscordIds
{
    public const ulong Guild = ChatBot.Testing.FakeDiscord.FakeInteraction.DefaultGuildId;
}

/// <summary>Answers shaped like the engine's: ranked quotes with highlights, citations, counts and timing.</summary>
internal static class SampleAnswers
{
    public static Answer Confident(AnswerRequest request)
    {
        var quotes = new[]
        {
            Quote(request.Skip + 1, "On 4 November 1964 General René Barrientos led the coup that removed Víctor Paz Estenssoro.", "coup", "bolivia-1964", "The Bolivian coup of 1964", "J. Historian", "https://example.org/bolivia", "¶ 3"),
            Quote(request.Skip + 2, "Barrientos, the vice-president, took power with the army's support.", "Barrientos", "army-history", "A history of the army", null, null, "¶ 12"),
            Quote(request.Skip + 3, "The coup ended twelve years of MNR government.", "coup", "bolivia-1964", "The Bolivian coup of 1964", "J. Historian", "https://example.org/bolivia", "¶ 7"),
        };
        return new Answer(request.Question, true, quotes.Take(request.Top).ToList(), 12, TimeSpan.FromMilliseconds(4));
    }

    public static Answer NotCovered(AnswerRequest request)
        => new(request.Question, false, [Quote(1, "The Andes are a mountain range.", "Andes", "geo", "Geography", null, null, "¶ 1")], 1, TimeSpan.FromMilliseconds(2));

    public static RankedQuote Quote(int rank, string text, string term, string sourceId, string title, string? author, string? url, string locator)
    {
        var at = text.IndexOf(term, StringComparison.Ordinal);
        IReadOnlyList<TextRange> highlights = at < 0 ? [] : [new TextRange(at, at + term.Length)];
        return new RankedQuote(rank, 1.0 / rank, text, highlights, new Citation(sourceId, title, author, url, locator));
    }
}
