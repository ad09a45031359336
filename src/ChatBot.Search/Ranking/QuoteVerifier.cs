using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search.Index;
using ChatBot.Search.Store;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Checks a quote against the corpus a scope may see. The quote's rarest words find candidate passages in the
/// search index (BM25, as questions do); each candidate is then aligned with the quote word by word
/// (<see cref="QuoteAlignment"/>: case, punctuation, curly quotes and diacritics do not count; an ellipsis stands
/// for left-out words; the passage may go on before and after the quote). The verdict, for a quote of n words:
/// <list type="bullet">
/// <item><b>verbatim</b>: some passage holds the quote with no word edit (every such passage is listed, up to
/// <see cref="MaxMatches"/>);</item>
/// <item><b>close</b>: the best passage needs at least one and at most n / 4 word edits (rounded down; a changed,
/// added or left-out word is one edit each), so at least three words in four stand as quoted and a quote of fewer
/// than four words is verbatim or not found;</item>
/// <item><b>not found</b>: anything else, with the passage needing the fewest edits as the closest one when it
/// shares a word with the quote.</item>
/// </list>
/// A quote is compared by its first <see cref="QuoteVerification.MaxQuoteLength"/> characters and
/// <see cref="QuoteVerification.MaxQuoteWords"/> words, and a passage by its first <see cref="MaxPassageWords"/>
/// words, so the work per quote is bounded whatever the input. A quote that runs across two passages is compared
/// with each alone (and so is at best close).
/// </summary>
public sealed class QuoteVerifier(ISearchIndex index, IPassageRows passages) : IQuoteVerifier
{
    /// <summary>Candidate passages taken from the search index.</summary>
    public const int CandidateDepth = 30;

    /// <summary>The quote's words searched for candidates: the rarest in the scope.</summary>
    public const int MaxSearchTerms = 12;

    /// <summary>Passages listed for a verbatim or close quote.</summary>
    public const int MaxMatches = 5;

    /// <summary>Words of a passage compared; passages are cut near 800 characters, so this only stops hostile data.</summary>
    public const int MaxPassageWords = 2000;

    public ValueTask<QuoteVerification> VerifyAsync(string quote, CorpusScope scope, CancellationToken cancellationToken)
        => ValueTask.FromResult(Verify(quote, scope, cancellationToken));

    public QuoteVerification Verify(string quote, CorpusScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var stopwatch = Stopwatch.StartNew();
        var text = TextCut.Prefix(quote.Trim(), QuoteVerification.MaxQuoteLength);
        var words = QuoteWords.Split(text, QuoteVerification.MaxQuoteWords);
        if (words.Count == 0)
        {
            return new QuoteVerification(quote.Trim(), QuoteVerdict.NotFound, [], 0, stopwatch.Elapsed);
        }

        var candidates = Candidates(text, words, scope, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var scored = candidates
            .Select((row, order) => (Row: row, Words: QuoteWords.Split(row.Text, MaxPassageWords), Order: order))
            .Select(c => (c.Row, c.Words, c.Order, Edits: QuoteAlignment.Cost(words, c.Words)))
            .OrderBy(c => c.Edits).ThenBy(c => c.Order)
            .ToList();
        var verdict = scored.Count == 0 ? QuoteVerdict.NotFound
            : scored[0].Edits == 0 ? QuoteVerdict.Verbatim
            : scored[0].Edits <= words.Count / 4 ? QuoteVerdict.Close
            : QuoteVerdict.NotFound;
        var matches = new List<QuoteMatch>();
        if (verdict == QuoteVerdict.NotFound)
        {
            if (scored.Count > 0 && QuoteAlignment.Align(text, words, scored[0].Row.Text, scored[0].Words) is { Matched: > 0 } closest)
            {
                matches.Add(new QuoteMatch(Cite(scored[0].Row), scored[0].Row.Text, closest.Differences));
            }
        }
        else
        {
            foreach (var candidate in scored.TakeWhile(c => c.Edits == scored[0].Edits).Take(MaxMatches))
            {
                var alignment = QuoteAlignment.Align(text, words, candidate.Row.Text, candidate.Words);
                var original = alignment.PassageEnd > alignment.PassageStart
                    ? candidate.Row.Text[candidate.Words[alignment.PassageStart].Start..candidate.Words[alignment.PassageEnd - 1].End]
                    : "";
                matches.Add(new QuoteMatch(Cite(candidate.Row), original, alignment.Differences));
            }
        }

        return new QuoteVerification(quote.Trim(), verdict, matches, words.Count, stopwatch.Elapsed);
    }

    /// <summary>The passages holding the quote's rarest words, in BM25 order.</summary>
    private List<PassageRow> Candidates(string text, List<QuoteWord> words, CorpusScope scope, CancellationToken cancellationToken)
    {
        using var search = index.Open(scope);

        // As for questions: a quote in capitals is read as ordinary text, or every word would look like an acronym.
        var analyzed = text.Any(char.IsLower) ? text : text.ToLowerInvariant();
        var terms = TextAnalysis.Analyze(analyzed[..Math.Min(analyzed.Length, words[^1].End)])
            .Select(t => t.Term)
            .Distinct(StringComparer.Ordinal)
            .Select(term => (Term: term, Frequency: search.DocumentFrequency(term)))
            .Where(t => t.Frequency > 0)
            .OrderBy(t => t.Frequency).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(MaxSearchTerms)
            .Select(t => new TermGroup([new WeightedTerm(t.Term, 1.0)]))
            .ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        var hits = search.Search(terms, CandidateDepth, cancellationToken).Hits;
        var rows = passages.Load([.. hits.Select(h => h.RowId)]);
        return [.. hits.Where(h => rows.ContainsKey(h.RowId)).Select(h => rows[h.RowId])];
    }

    private static Citation Cite(PassageRow row) => row.ToCitation();
}
