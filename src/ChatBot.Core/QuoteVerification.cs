namespace ChatBot.Core;

/// <summary>What the corpus says about a quote: word for word, close to a passage, or not there.</summary>
public enum QuoteVerdict
{
    Verbatim,
    Close,
    NotFound,
}

/// <summary>How a quote differs from the original, word by word.</summary>
public enum DifferenceKind
{
    /// <summary>The quote has other words in place of the original's.</summary>
    Changed,

    /// <summary>The quote has words the original does not.</summary>
    Added,

    /// <summary>The quote leaves out words of the original without an ellipsis.</summary>
    Missing,
}

/// <summary>
/// One run of differing words. <see cref="Text"/> is the quote's words (for <see cref="DifferenceKind.Missing"/>,
/// the original's words left out); <see cref="Original"/> is the original's words a change replaced, else null.
/// </summary>
public sealed record QuoteDifference(DifferenceKind Kind, string Text, string? Original);

/// <summary>A passage the quote stands in (or, when not found, the closest one), its original words and the differences.</summary>
public sealed record QuoteMatch(Citation Citation, string Original, IReadOnlyList<QuoteDifference> Differences);

/// <summary>
/// The verdict on a quote. For <see cref="QuoteVerdict.NotFound"/>, <see cref="Matches"/> holds at most the single
/// closest passage, which must be presented as only that. <see cref="Words"/> is how many words of the quote were
/// compared: zero means the quote had no words (bad input).
/// </summary>
public sealed record QuoteVerification(string Quote, QuoteVerdict Verdict, IReadOnlyList<QuoteMatch> Matches, int Words, TimeSpan Elapsed)
{
    /// <summary>Quotes longer than this are refused by the front ends and compared by their beginning here.</summary>
    public const int MaxQuoteLength = 2000;

    /// <summary>At most this many words of a quote are compared, which bounds the work per quote.</summary>
    public const int MaxQuoteWords = 300;
}

/// <summary>Checks a quote against the corpus a scope may see.</summary>
public interface IQuoteVerifier
{
    ValueTask<QuoteVerification> VerifyAsync(string quote, CorpusScope scope, CancellationToken cancellationToken);
}
