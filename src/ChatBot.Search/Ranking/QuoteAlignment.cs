using ChatBot.Core;

namespace ChatBot.Search.Ranking;

/// <summary>
/// How a quote's words line up with a passage's: the number of word edits (changed, added, left out), the matched
/// words, the passage words the quote spans, and the differences. Words of the passage before and after the quote
/// are free (a quote may start and end mid-sentence), and so are words where the quote has an ellipsis.
/// </summary>
internal sealed record QuoteAlignment(int Edits, int Matched, int PassageStart, int PassageEnd, IReadOnlyList<QuoteDifference> Differences)
{
    /// <summary>
    /// The fewest word edits that turn the quote into a stretch of the passage: an edit distance over words with a
    /// free start and end in the passage, in O(quote × passage) time and O(passage) memory.
    /// </summary>
    public static int Cost(IReadOnlyList<QuoteWord> quote, IReadOnlyList<QuoteWord> passage)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(passage);
        var m = passage.Count;
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var i = 1; i <= quote.Count; i++)
        {
            var skip = SkipCost(quote, i);
            current[0] = previous[0] + 1;
            for (var j = 1; j <= m; j++)
            {
                current[j] = Step(previous[j - 1] + (quote[i - 1].Key == passage[j - 1].Key ? 0 : 1), previous[j] + 1, current[j - 1] + skip);
            }

            (previous, current) = (current, previous);
        }

        return Min(previous);
    }

    /// <summary>The best alignment, with its differences; the text of each difference comes from the two texts.</summary>
    public static QuoteAlignment Align(string quoteText, IReadOnlyList<QuoteWord> quote, string passageText, IReadOnlyList<QuoteWord> passage)
    {
        ArgumentNullException.ThrowIfNull(quoteText);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(passageText);
        ArgumentNullException.ThrowIfNull(passage);
        var n = quote.Count;
        var m = passage.Count;
        var width = m + 1;
        var cost = new int[(n + 1) * width];
        for (var i = 1; i <= n; i++)
        {
            var skip = SkipCost(quote, i);
            var row = i * width;
            var above = (i - 1) * width;
            cost[row] = cost[above] + 1;
            for (var j = 1; j <= m; j++)
            {
                cost[row + j] = Step(cost[above + j - 1] + (quote[i - 1].Key == passage[j - 1].Key ? 0 : 1), cost[above + j] + 1, cost[row + j - 1] + skip);
            }
        }

        var end = 0;
        for (var j = 1; j <= m; j++)
        {
            if (cost[(n * width) + j] < cost[(n * width) + end])
            {
                end = j;
            }
        }

        // Walk back from the end, preferring a match or change, then an added word, then a left-out one.
        var steps = new List<(DifferenceKind? Kind, int Quote, int Passage)>();
        var (qi, pj) = (n, end);
        var matched = 0;
        while (qi > 0)
        {
            var here = cost[(qi * width) + pj];
            if (pj > 0 && here == cost[((qi - 1) * width) + pj - 1] + (quote[qi - 1].Key == passage[pj - 1].Key ? 0 : 1))
            {
                var same = quote[qi - 1].Key == passage[pj - 1].Key;
                matched += same ? 1 : 0;
                steps.Add((same ? null : DifferenceKind.Changed, qi - 1, pj - 1));
                (qi, pj) = (qi - 1, pj - 1);
            }
            else if (here == cost[((qi - 1) * width) + pj] + 1)
            {
                steps.Add((DifferenceKind.Added, qi - 1, -1));
                qi--;
            }
            else
            {
                if (SkipCost(quote, qi) > 0)
                {
                    steps.Add((DifferenceKind.Missing, -1, pj - 1));
                }

                pj--;
            }
        }

        steps.Reverse();
        return new QuoteAlignment(cost[(n * width) + end], matched, pj, end, DifferencesOf(steps, quoteText, quote, passageText, passage));
    }

    /// <summary>Runs of steps of one kind become one difference, each with its words as the texts write them.</summary>
    private static List<QuoteDifference> DifferencesOf(
        List<(DifferenceKind? Kind, int Quote, int Passage)> steps, string quoteText, IReadOnlyList<QuoteWord> quote, string passageText, IReadOnlyList<QuoteWord> passage)
    {
        var differences = new List<QuoteDifference>();
        for (var s = 0; s < steps.Count;)
        {
            var kind = steps[s].Kind;
            var last = s;
            while (last + 1 < steps.Count && steps[last + 1].Kind == kind)
            {
                last++;
            }

            if (kind is { } k)
            {
                var run = steps.GetRange(s, last - s + 1);
                var quoteWords = Span(quoteText, quote, run.Select(r => r.Quote));
                var passageWords = Span(passageText, passage, run.Select(r => r.Passage));
                differences.Add(k switch
                {
                    DifferenceKind.Changed => new QuoteDifference(k, quoteWords, passageWords),
                    DifferenceKind.Added => new QuoteDifference(k, quoteWords, null),
                    _ => new QuoteDifference(k, passageWords, null),
                });
            }

            s = last + 1;
        }

        return differences;
    }

    private static string Span(string text, IReadOnlyList<QuoteWord> words, IEnumerable<int> indexes)
    {
        var used = indexes.Where(i => i >= 0).ToList();
        return used.Count == 0 ? "" : text[words[used[0]].Start..words[used[^1]].End];
    }

    /// <summary>Leaving out a passage word before quote word <paramref name="i"/> costs nothing where the quote has an ellipsis.</summary>
    private static int SkipCost(IReadOnlyList<QuoteWord> quote, int i) => i < quote.Count && quote[i].GapBefore ? 0 : 1;

    private static int Step(int diagonal, int added, int skipped) => Math.Min(diagonal, Math.Min(added, skipped));

    private static int Min(int[] row)
    {
        var min = row[0];
        foreach (var value in row)
        {
            min = Math.Min(min, value);
        }

        return min;
    }
}
