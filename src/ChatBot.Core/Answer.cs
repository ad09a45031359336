namespace ChatBot.Core;

/// <summary>A question, where to search, which slice of the ranked results to return, and, when set, the one kind of source to quote.</summary>
public sealed record AnswerRequest(string Question, CorpusScope Scope, int Top = 3, int Skip = 0, SourceKind? Kind = null)
{
    public const int MaxTop = 25;
}

/// <summary>
/// Where a passage comes from, as a reader would cite it, with what kind of source it is and when it was published
/// (a year or an ISO date) when the source says; for a PDF, the page the passage starts on.
/// </summary>
public sealed record Citation(
    string SourceId, string Title, string? Author, string? Url, string Locator, SourceKind? Kind = null, string? Published = null, int? Page = null);

/// <summary>A half-open character range [Start, End) inside a quote.</summary>
public readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>What kind of thing a question asks for, and so what an answer span inside a quote is.</summary>
public enum AnswerKind
{
    None,
    Person,
    Date,
    Place,
    Number,
    Amount,
}

/// <summary>The likely answer inside a quote: its text and where it stands in the quote.</summary>
public sealed record AnswerSpan(string Text, int Start, int End, AnswerKind Kind);

/// <summary>One ranked result: a verbatim quote, the matched terms in it, and its citation.</summary>
public sealed record RankedQuote(
    int Rank,
    double Score,
    string Quote,
    IReadOnlyList<TextRange> Highlights,
    Citation Citation,
    AnswerSpan? Answer = null);

/// <summary>One answer that one or more of the results give, with the ranks of the results that give it.</summary>
public sealed record AnswerClaim(string Text, AnswerKind Kind, IReadOnlyList<int> Ranks, int SourceCount);

/// <summary>
/// The answer to a question. <see cref="Confident"/> is false when nothing in the corpus answers the
/// question well; the results are then only the closest passages and must be presented as such.
/// </summary>
public sealed record Answer(
    string Question,
    bool Confident,
    IReadOnlyList<RankedQuote> Results,
    int MatchingPassages,
    TimeSpan Elapsed)
{
    /// <summary>Close spellings from the index's vocabulary searched in place of unknown words.</summary>
    public IReadOnlyList<string> AlsoSearched { get; init; } = [];

    /// <summary>Distinct answers the results give, most supported first (empty when the question asks for none).</summary>
    public IReadOnlyList<AnswerClaim> Claims { get; init; } = [];

    /// <summary>The number of distinct sources among <see cref="Results"/>.</summary>
    public int SourceCount => Results.Select(r => r.Citation.SourceId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The single answer two or more sources agree on, when the results give no other.</summary>
    public AnswerClaim? Agreement => Claims is [{ SourceCount: >= 2 } only] ? only : null;

    /// <summary>True when the results give different answers of the same kind.</summary>
    public bool Disagrees => Claims.Count >= 2;

    public static Answer Empty(string question, TimeSpan elapsed) => new(question, false, [], 0, elapsed);
}

/// <summary>Answers questions from the corpus.</summary>
public interface IAnswerService
{
    ValueTask<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken);
}
