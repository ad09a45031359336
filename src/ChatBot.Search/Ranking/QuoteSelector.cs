using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Text;

namespace ChatBot.Search.Ranking;

/// <summary>The best quote of a passage and how well it answers the question.</summary>
public sealed record SelectedQuote(
    string Text,
    int Start,
    IReadOnlyList<TextRange> Highlights,
    double WindowCoverage,
    double PassageCoverage);

/// <summary>
/// Picks the quote of a passage: the run of one to three whole sentences, at most
/// <see cref="MaxQuoteLength"/> characters, that covers the most informative query words, then widened with
/// neighbouring sentences while it still fits. The quote is verbatim; a single sentence longer than the limit
/// is cut at word boundaries around its matches and marked with an ellipsis.
/// </summary>
public static class QuoteSelector
{
    public const int MaxQuoteLength = 500;
    public const int MaxSentences = 3;
    private const string Ellipsis = "\u2026";

    /// <param name="text">The passage text.</param>
    /// <param name="groupOfTerm">Query group of each index term.</param>
    /// <param name="groupWeight">Weight (idf) of each query group.</param>
    /// <param name="totalWeight">The weight of the whole question, unknown words included.</param>
    public static SelectedQuote Select(string text, IReadOnlyDictionary<string, int> groupOfTerm, double[] groupWeight, double totalWeight)
    {
        var tokens = TextAnalyzer.Analyze(text);
        var matches = new List<(int Start, int End, int Group)>();
        foreach (var token in tokens)
        {
            if (!token.IsStopWord && groupOfTerm.TryGetValue(token.Term, out var group))
            {
                matches.Add((token.Start, token.End, group));
            }
        }

        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count == 0)
        {
            sentences = [new TextRange(0, text.Length)];
        }

        var passageCoverage = Coverage(matches, 0, text.Length, groupWeight) / totalWeight;
        var (bestFirst, bestLast, bestScore) = (0, 0, -1.0);
        for (var first = 0; first < sentences.Count; first++)
        {
            for (var last = first; last < sentences.Count && last < first + 1; last++)
            {
                var length = sentences[last].End - sentences[first].Start;
                if (length > MaxQuoteLength && last > first)
                {
                    break;
                }

                var score = Coverage(matches, sentences[first].Start, sentences[last].End, groupWeight);
                // Ties go to the shorter, then the earlier window: a tighter quote reads better.
                if (score > bestScore + 1e-9)
                {
                    (bestFirst, bestLast, bestScore) = (first, last, score);
                }
            }
        }

        (bestFirst, bestLast) = Widen(sentences, bestFirst, bestLast, s => Coverage(matches, sentences[s].Start, sentences[s].End, groupWeight));
        var start = sentences[bestFirst].Start;
        var end = sentences[bestLast].End;
        var prefix = "";
        var suffix = "";
        if (end - start > MaxQuoteLength)
        {
            (start, end) = CutLongSentence(text, start, end, matches);
            prefix = start > sentences[bestFirst].Start ? Ellipsis : "";
            suffix = end < sentences[bestLast].End ? Ellipsis : "";
        }

        var quote = prefix + text[start..end] + suffix;
        var highlights = new List<TextRange>();
        foreach (var (matchStart, matchEnd, _) in matches)
        {
            if (matchStart >= start && matchEnd <= end)
            {
                highlights.Add(new TextRange(matchStart - start + prefix.Length, matchEnd - start + prefix.Length));
            }
        }

        return new SelectedQuote(quote, start, highlights, Math.Max(0, bestScore) / totalWeight, passageCoverage);
    }

    private static double Coverage(List<(int Start, int End, int Group)> matches, int start, int end, double[] groupWeight)
    {
        Span<bool> covered = stackalloc bool[groupWeight.Length];
        var score = 0.0;
        foreach (var (matchStart, matchEnd, group) in matches)
        {
            if (matchStart >= start && matchEnd <= end && !covered[group])
            {
                covered[group] = true;
                score += groupWeight[group];
            }
        }

        return score;
    }

    /// <summary>
    /// Adds neighbouring sentences while the quote stays within the limits: the neighbour that matches more of
    /// the question first, the following one on a tie.
    /// </summary>
    private static (int First, int Last) Widen(IReadOnlyList<TextRange> sentences, int first, int last, Func<int, double> coverage)
    {
        while (last - first + 1 < MaxSentences)
        {
            var canFollow = last + 1 < sentences.Count && sentences[last + 1].End - sentences[first].Start <= MaxQuoteLength;
            var canPrecede = first > 0 && sentences[last].End - sentences[first - 1].Start <= MaxQuoteLength;
            if (canFollow && (!canPrecede || coverage(last + 1) >= coverage(first - 1)))
            {
                last++;
            }
            else if (canPrecede)
            {
                first--;
            }
            else
            {
                break;
            }
        }

        return (first, last);
    }

    /// <summary>A window of at most the limit inside one over-long sentence, centred on its matches, cut at spaces.</summary>
    private static (int Start, int End) CutLongSentence(string text, int start, int end, List<(int Start, int End, int Group)> matches)
    {
        var budget = MaxQuoteLength - (2 * Ellipsis.Length);
        var inside = matches.Where(m => m.Start >= start && m.End <= end).ToList();
        var centre = inside.Count > 0 ? (inside[0].Start + inside[^1].End) / 2 : start + (budget / 2);
        var windowStart = Math.Clamp(centre - (budget / 2), start, Math.Max(start, end - budget));
        var windowEnd = Math.Min(end, windowStart + budget);
        if (windowStart > start)
        {
            var space = text.IndexOf(' ', windowStart, windowEnd - windowStart);
            windowStart = space >= 0 ? space + 1 : windowStart;
        }

        if (windowEnd < end)
        {
            var space = text.LastIndexOf(' ', windowEnd - 1, windowEnd - windowStart);
            windowEnd = space > windowStart ? space : windowEnd;
        }

        return (windowStart, windowEnd);
    }
}
