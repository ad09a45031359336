using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;
using ChatBot.Search.Text;

namespace ChatBot.Search.Ranking;

/// <summary>
/// The best quote of a passage and how well it answers the question: the share of the question its best sentence
/// covers (<see cref="WindowCoverage"/>), the share the whole passage covers, and whether the best sentence holds
/// a candidate answer of the kind the question asks for.
/// </summary>
public sealed record SelectedQuote(
    string Text,
    int Start,
    IReadOnlyList<TextRange> Highlights,
    double WindowCoverage,
    double PassageCoverage,
    bool HoldsAnswer)
{
    /// <summary>The share of the question its heaviest word that the quote lacks carries (0 when the quote has them all).</summary>
    public double Missing { get; init; }

    /// <summary>
    /// The largest share of the question's pairs of neighbouring words ("led" "coup") that one sentence of the
    /// passage has in the question's order, at most one word apart: how closely the question's words stand there.
    /// </summary>
    public double Pairs { get; init; }

    /// <summary>
    /// How surely the quote answers the question rather than merely resembling it: mostly how much of the question
    /// the passage covers, some of how much the best sentence covers, less the heaviest word the quote lacks (a
    /// question about another "treaty" or another "king" lacks the name that makes it that one). The mix is fitted
    /// by ChatBot.Bench's <c>confidence</c> on half of the SQuAD articles and holds on the other half.
    /// </summary>
    public double Evidence => (0.25 * WindowCoverage) + (0.75 * PassageCoverage) - Missing;
}

/// <summary>
/// Picks the quote of a passage: the sentence that covers the most of the question (idf-weighted words; for a
/// who/when/where/how-many/how-much question, a sentence holding a candidate answer counts a little more), widened
/// with whole neighbouring sentences while the quote stays within <see cref="MaxQuoteLength"/> characters. The
/// quote is verbatim; a single sentence longer than the limit is cut at word boundaries around its matches and
/// marked with an ellipsis.
/// </summary>
public static class QuoteSelector
{
    public const int MaxQuoteLength = 500;

    /// <summary>What separates two parts of a quote: the words between them are left out.</summary>
    public const string PartSeparator = " \u2026 ";

    /// <summary>What a sentence holding a candidate answer (a name for "who", a date for "when") adds, as a share of the question.</summary>
    public const double AnswerSentenceBonus = 0.2;

    private const string Ellipsis = "\u2026";

    /// <param name="text">The passage's text.</param>
    /// <param name="tokenOffsets">Where its tokens stand, as stored with it; null to analyze the text.</param>
    /// <param name="question">What the question's words weigh.</param>
    public static SelectedQuote Select(string text, byte[]? tokenOffsets, QuestionWeights question)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(question);
        var matches = new List<Match>();
        foreach (var token in TokenOffsets.Tokens(text, tokenOffsets, question.Initials))
        {
            if (question.Terms.TryGetValue(token.Term, out var term))
            {
                matches.Add(new Match(token.Start, token.End, term.Group, term.Weight));
            }
        }

        var groupCount = question.GroupCount;
        var totalWeight = question.Total;

        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count == 0)
        {
            sentences = [new TextRange(0, text.Length)];
        }

        var passageCoverage = Coverage(matches, 0, text.Length, groupCount) / totalWeight;

        // The quote grows around the sentence that covers most of the question; for a question that asks for a
        // name, a date or a number, a sentence holding one is worth a little more.
        var answerBonus = question.Kind == AnswerKind.None ? 0 : AnswerSentenceBonus * totalWeight;
        double SentenceScore(int i)
        {
            var coverage = Coverage(matches, sentences[i].Start, sentences[i].End, groupCount);
            return answerBonus > 0 && coverage > 0 && AnswerSpans.HasCandidate(text[sentences[i].Start..sentences[i].End], question.Kind, question.QuestionTerms)
                ? coverage + answerBonus
                : coverage;
        }

        // Each sentence is scored once: widening asks for the neighbours' scores again at every step.
        var scores = new double[sentences.Count];
        var (best, bestScore, bestCoverage) = (0, -1.0, 0.0);
        for (var i = 0; i < sentences.Count; i++)
        {
            var score = scores[i] = SentenceScore(i);

            // Ties go to the earlier sentence.
            if (score > bestScore + 1e-9)
            {
                (best, bestScore, bestCoverage) = (i, score, Coverage(matches, sentences[i].Start, sentences[i].End, groupCount));
            }
        }

        var holdsAnswer = answerBonus > 0 && bestScore > bestCoverage + 1e-9;

        var (bestFirst, bestLast) = Widen(sentences, best, best, i => scores[i]);
        // The quote's parts: the widened window, a window cut from one over-long sentence, or two runs of sentences.
        var quote = new System.Text.StringBuilder(MaxQuoteLength);
        var highlights = new List<TextRange>();
        List<TextRange> parts;
        if (sentences[bestLast].End - sentences[bestFirst].Start > MaxQuoteLength)
        {
            var (start, end) = CutLongSentence(text, sentences[bestFirst].Start, sentences[bestLast].End, matches);
            parts = [new TextRange(start, end)];
            quote.Append(start > sentences[bestFirst].Start ? Ellipsis : "");
            AppendPart(quote, highlights, text, parts[0], matches);
            quote.Append(end < sentences[bestLast].End ? Ellipsis : "");
        }
        else
        {
            parts = Runs(sentences, SecondPart(sentences, scores, best, bestFirst, bestLast) ?? Enumerable.Range(bestFirst, bestLast - bestFirst + 1));
            foreach (var run in parts)
            {
                quote.Append(quote.Length > 0 ? PartSeparator : "");
                AppendPart(quote, highlights, text, run, matches);
            }
        }

        return new SelectedQuote(quote.ToString(), parts[0].Start, highlights, Math.Max(0, bestCoverage) / totalWeight, passageCoverage, holdsAnswer)
        {
            Missing = HeaviestMissing(matches, parts, question) / totalWeight,
            Pairs = PairShare(text, matches, sentences, groupCount),
        };
    }

    /// <summary>Appends text[part] to the quote, with the matches inside it as highlights at their place in the quote.</summary>
    private static void AppendPart(System.Text.StringBuilder quote, List<TextRange> highlights, string text, TextRange part, List<Match> matches)
    {
        var offset = quote.Length - part.Start;
        foreach (var (matchStart, matchEnd, _, _) in matches)
        {
            if (matchStart >= part.Start && matchEnd <= part.End)
            {
                highlights.Add(new TextRange(matchStart + offset, matchEnd + offset));
            }
        }

        quote.Append(text, part.Start, part.End - part.Start);
    }

    /// <summary>
    /// When none of the sentences the quote widened into covers any of the question but another sentence of the
    /// passage does, the quote's sentences instead: the best sentence and the best of those that fits beside it
    /// (the earlier on a tie), each widened with neighbours while the quote stays within the limit (the better
    /// neighbour first, the later on a tie). Null to keep the widened window. On the SQuAD candidates of
    /// ChatBot.Bench semantic --dump (bench/ChatBot.Bench/quote-parts.py) this lifts hit@1 and hit@5 on both halves
    /// of the articles (README, Measurements).
    /// </summary>
    private static SortedSet<int>? SecondPart(IReadOnlyList<TextRange> sentences, double[] scores, int best, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            if (i != best && scores[i] > 0)
            {
                return null;
            }
        }

        var second = -1;
        for (var i = 0; i < sentences.Count; i++)
        {
            if ((i < first || i > last) && scores[i] > 0 && (second < 0 || scores[i] > scores[second] + 1e-9)
                && Length(sentences, new SortedSet<int> { best, i }) <= MaxQuoteLength)
            {
                second = i;
            }
        }

        if (second < 0)
        {
            return null;
        }

        var chosen = new SortedSet<int> { best, second };
        while (true)
        {
            var grow = -1;
            foreach (var i in chosen)
            {
                foreach (var neighbour in (ReadOnlySpan<int>)[i - 1, i + 1])
                {
                    if (neighbour >= 0 && neighbour < sentences.Count && !chosen.Contains(neighbour)
                        && (grow < 0 || scores[neighbour] > scores[grow] + 1e-9 || (Math.Abs(scores[neighbour] - scores[grow]) <= 1e-9 && neighbour > grow))
                        && Length(sentences, [.. chosen, neighbour]) <= MaxQuoteLength)
                    {
                        grow = neighbour;
                    }
                }
            }

            if (grow < 0)
            {
                return chosen;
            }

            chosen.Add(grow);
        }
    }

    /// <summary>The runs of consecutive sentences among <paramref name="chosen"/>, as character ranges, in order.</summary>
    private static List<TextRange> Runs(IReadOnlyList<TextRange> sentences, IEnumerable<int> chosen)
    {
        var runs = new List<TextRange>();
        var previous = int.MinValue;
        foreach (var i in chosen.Order())
        {
            if (runs.Count > 0 && i == previous + 1)
            {
                runs[^1] = runs[^1] with { End = sentences[i].End };
            }
            else
            {
                runs.Add(sentences[i]);
            }

            previous = i;
        }

        return runs;
    }

    /// <summary>How long a quote of <paramref name="chosen"/>'s sentences is, with a separator between runs.</summary>
    private static int Length(IReadOnlyList<TextRange> sentences, IEnumerable<int> chosen)
    {
        var runs = Runs(sentences, chosen);
        return runs.Sum(r => r.End - r.Start) + (PartSeparator.Length * (runs.Count - 1));
    }

    /// <summary>
    /// Of the question's pairs of neighbouring words (groups g and g + 1), the largest share that one sentence has,
    /// the first word before the second with at most one word between them.
    /// </summary>
    private static double PairShare(string text, List<Match> matches, IReadOnlyList<TextRange> sentences, int groupCount)
    {
        if (groupCount < 2 || matches.Count < 2)
        {
            return 0;
        }

        var best = 0;
        var first = 0;
        foreach (var sentence in sentences)
        {
            while (first < matches.Count && matches[first].Start < sentence.Start)
            {
                first++;
            }

            // Bit g: the pair (g, g + 1) stands here. Groups beyond 64 are beyond the question's 32 terms.
            var found = 0UL;
            for (var i = first; i < matches.Count && matches[i].End <= sentence.End; i++)
            {
                for (var j = i + 1; j < matches.Count && matches[j].End <= sentence.End && WordsBetween(text, matches[i].End, matches[j].Start) <= 1; j++)
                {
                    if (matches[j].Group == matches[i].Group + 1 && matches[j].Start >= matches[i].End && matches[i].Group < 64)
                    {
                        found |= 1UL << matches[i].Group;
                    }
                }
            }

            best = Math.Max(best, System.Numerics.BitOperations.PopCount(found));
        }

        return (double)best / (groupCount - 1);
    }

    /// <summary>How many words (runs of letters or digits) stand in text[start, end); 2 as soon as there are two.</summary>
    private static int WordsBetween(string text, int start, int end)
    {
        var words = 0;
        var inWord = false;
        for (var i = start; i < end; i++)
        {
            var letter = char.IsLetterOrDigit(text[i]);
            if (letter && !inWord && ++words > 1)
            {
                return words;
            }

            inWord = letter;
        }

        return words;
    }

    /// <summary>How much of the question [start, end) covers: per question word, the weight of its best matched term.</summary>
    private static double Coverage(List<Match> matches, int start, int end, int groupCount)
    {
        Span<double> best = stackalloc double[groupCount];
        foreach (var match in matches)
        {
            if (match.Start >= start && match.End <= end && match.Weight > best[match.Group])
            {
                best[match.Group] = match.Weight;
            }
        }

        var score = 0.0;
        foreach (var weight in best)
        {
            score += weight;
        }

        return score;
    }

    /// <summary>What the heaviest question word that no match in the quote's parts stands for weighs.</summary>
    private static double HeaviestMissing(List<Match> matches, List<TextRange> parts, QuestionWeights question)
    {
        Span<bool> found = stackalloc bool[question.GroupCount];
        foreach (var match in matches)
        {
            foreach (var part in parts)
            {
                if (match.Start >= part.Start && match.End <= part.End)
                {
                    found[match.Group] = true;
                }
            }
        }

        var heaviest = 0.0;
        for (var g = 0; g < found.Length; g++)
        {
            if (!found[g])
            {
                heaviest = Math.Max(heaviest, question.MissingWeights[g]);
            }
        }

        return heaviest;
    }

    /// <summary>
    /// Adds neighbouring sentences while the quote stays within <see cref="MaxQuoteLength"/>: the neighbour that
    /// matches more of the question first, the following one on a tie.
    /// </summary>
    private static (int First, int Last) Widen(IReadOnlyList<TextRange> sentences, int first, int last, Func<int, double> coverage)
    {
        while (true)
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
    private static (int Start, int End) CutLongSentence(string text, int start, int end, List<Match> matches)
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

    private readonly record struct Match(int Start, int End, int Group, double Weight);
}

/// <summary>
/// What the words of a question weigh: each query term's weight (its weight in the query times its idf) and
/// group, and the most each question word can give, so that a quote's coverage of the question is the share of
/// that total its matched words give. A word the corpus has never seen counts in the total and can never match.
/// </summary>
public sealed class QuestionWeights(
    IReadOnlyDictionary<string, (int Group, double Weight)> terms, double[] groupWeights, AnswerKind kind = AnswerKind.None, double unseen = 0)
{
    public IReadOnlyDictionary<string, (int Group, double Weight)> Terms { get; } = terms;

    /// <summary>What kind of answer the question asks for.</summary>
    public AnswerKind Kind { get; } = kind;

    /// <summary>The question's terms (with expansions): an answer never consists of them.</summary>
    public IReadOnlySet<string> QuestionTerms { get; } = terms.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The first letters of the terms: a passage's words that cannot be one are passed over unread.</summary>
    public TermInitials Initials { get; } = TermInitials.Of(terms.Keys);

    public int GroupCount { get; } = groupWeights.Length;

    public double Total { get; } = Math.Max(groupWeights.Sum(), double.Epsilon);

    /// <summary>The share of the question's weight that its words the corpus has never seen carry.</summary>
    public double UnseenShare => unseen / Total;

    /// <summary>What each question word weighs at most (its best term), by group.</summary>
    public IReadOnlyList<double> GroupWeights { get; } = groupWeights;

    /// <summary>
    /// What each question word weighs when a quote lacks it, by group: its weight, or less where lacking it says
    /// less than its rarity suggests (see AnswerEngine's unseen-word rule). Its weight when not given.
    /// </summary>
    public IReadOnlyList<double> MissingWeights { get; init; } = groupWeights;

    /// <summary>How many passages the scope holds (the document count of the idfs above).</summary>
    public int DocumentCount { get; init; }
}
