using System.Numerics;
using ChatBot.Core;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>What a when-question asks for: a day, a month, a year, a decade or a century.</summary>
public enum DateGranularity
{
    Any,
    Day,
    Month,
    Year,
    Decade,
    Century,
}

/// <summary>
/// A question read against one quote, once, for scoring its candidate answers: which question word (group) each
/// word of the quote matches, what each sentence matches and weighs, the question's heaviest word, and the
/// question words next to the wh-word and at its end.
/// </summary>
public sealed class SpanContext
{
    private readonly int[] wordGroups;
    private readonly double[] groupShares;
    private readonly long[] sentenceGroups;
    private readonly double[] sentenceWeights;
    private readonly int[] firstMatch;
    private readonly int[] lastMatch;
    private readonly int groupCount;
    private readonly int heaviestGroup;
    private readonly int bestMatched;

    /// <param name="terms">Each question term's group and weight; without them every term is its own group of weight 1.</param>
    public SpanContext(string question, AnswerKind kind, QuoteLayout layout, IReadOnlySet<string> questionTerms, IReadOnlyDictionary<string, (int Group, double Weight)>? terms)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(questionTerms);
        Layout = layout;
        Kind = kind;
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var weights = new List<double>();
        if (terms is not null)
        {
            foreach (var (term, (group, weight)) in terms)
            {
                groups[term] = group;
                while (weights.Count <= group)
                {
                    weights.Add(0);
                }

                weights[group] = Math.Max(weights[group], weight);
            }
        }

        foreach (var term in questionTerms.Order(StringComparer.Ordinal))
        {
            if (groups.TryAdd(term, weights.Count))
            {
                weights.Add(1);
            }
        }

        groupCount = Math.Min(weights.Count, 63);
        var total = Math.Max(weights.Take(groupCount).Sum(), double.Epsilon);
        heaviestGroup = groupCount == 0 ? -1 : weights.Take(groupCount).Select((w, g) => (w, g)).MaxBy(x => x.w).g;

        groupShares = [.. weights.Take(groupCount).Select(w => w / total)];
        var folded = " " + TextAnalysis.Fold(question) + " ";
        AsksForAPerson = kind == AnswerKind.Person && AnswerKinds.AsksForAPerson(folded);
        AsksForAShare = kind == AnswerKind.Amount && AnswerKinds.AsksForAShare(folded);
        AsksForAnObject = AnswerKinds.AsksForAnObject(folded);
        AsksWho = folded.StartsWith(" who", StringComparison.Ordinal);
        Granularity = kind == AnswerKind.Date ? AnswerKinds.GranularityAsked(folded) : DateGranularity.Any;
        var questionTokens = TextAnalysis.Analyze(question);
        // In "who did the junta overthrow" the word after the wh-word is the subject, which the answer does not stand next to.
        WhNextGroup = !AsksForAnObject && questionTokens.Count > 0 && groups.TryGetValue(questionTokens[0].Term, out var next) ? next : -1;
        LastGroup = questionTokens.Count > 0 && groups.TryGetValue(questionTokens[^1].Term, out var last) ? last : -1;

        wordGroups = new int[layout.WordCount];
        var sentences = layout.WordCount == 0 ? 0 : layout.SentenceOfWord(layout.WordCount - 1) + 1;
        sentenceGroups = new long[sentences];
        sentenceWeights = new double[sentences];
        firstMatch = new int[sentences];
        lastMatch = new int[sentences];
        Array.Fill(firstMatch, -1);
        Array.Fill(lastMatch, -1);
        for (var w = 0; w < layout.WordCount; w++)
        {
            var term = layout.TermOfWord(w);
            wordGroups[w] = term is not null && groups.TryGetValue(term, out var g) && g < groupCount ? g : -1;
            var s = layout.SentenceOfWord(w);
            if (wordGroups[w] >= 0 && s >= 0)
            {
                sentenceGroups[s] |= 1L << wordGroups[w];
                firstMatch[s] = firstMatch[s] < 0 ? w : firstMatch[s];
                lastMatch[s] = w;
            }
        }

        for (var s = 0; s < sentences; s++)
        {
            for (var g = 0; g < groupCount; g++)
            {
                sentenceWeights[s] += (sentenceGroups[s] & (1L << g)) != 0 ? weights[g] / total : 0;
            }

            bestMatched = Math.Max(bestMatched, BitOperations.PopCount((ulong)sentenceGroups[s]));
        }
    }

    public QuoteLayout Layout { get; }

    public AnswerKind Kind { get; }

    public bool AsksForAPerson { get; }

    public bool AsksForAShare { get; }

    public bool AsksForAnObject { get; }

    /// <summary>"Who", "whom", "whose" rather than "which team" or "what group".</summary>
    public bool AsksWho { get; }

    public DateGranularity Granularity { get; }

    /// <summary>The group of the question's first content word, the one next to its wh-word ("led" in "who led the coup").</summary>
    public int WhNextGroup { get; }

    /// <summary>The group of the question's last content word ("overthrow" in "who did the junta overthrow").</summary>
    public int LastGroup { get; }

    public double MatchShare(int sentence)
        => sentence < 0 || groupCount == 0 ? 0 : (double)BitOperations.PopCount((ulong)sentenceGroups[sentence]) / groupCount;

    public double WeightShare(int sentence) => sentence < 0 ? 0 : sentenceWeights[sentence];

    public bool IsBestSentence(int sentence)
        => sentence >= 0 && BitOperations.PopCount((ulong)sentenceGroups[sentence]) == bestMatched;

    public bool HoldsHeaviest(int sentence)
        => sentence >= 0 && heaviestGroup >= 0 && (sentenceGroups[sentence] & (1L << heaviestGroup)) != 0;

    /// <summary>The first and last matched word of a sentence (−1 when it matches none).</summary>
    public (int First, int Last) MatchedRange(int sentence) => sentence < 0 ? (-1, -1) : (firstMatch[sentence], lastMatch[sentence]);

    /// <summary>Words between the candidate and the nearest matched word of its sentence (of the quote when its sentence matches none).</summary>
    public int Distance(int first, int last, int sentence)
    {
        var inSentence = sentence >= 0 && sentenceGroups[sentence] != 0;
        var best = int.MaxValue;
        for (var w = first - 1; w >= 0 && first - w < best; w--)
        {
            if (wordGroups[w] >= 0 && (!inSentence || Layout.SentenceOfWord(w) == sentence))
            {
                best = first - w;
            }
        }

        for (var w = last + 1; w < wordGroups.Length && w - last < best; w++)
        {
            if (wordGroups[w] >= 0 && (!inSentence || Layout.SentenceOfWord(w) == sentence))
            {
                best = w - last;
            }
        }

        return best == int.MaxValue ? 100 : best;
    }

    /// <summary>How many distinct question words stand within <paramref name="reach"/> words of the candidate in its sentence.</summary>
    public int GroupsNear(int first, int last, int sentence, int reach)
    {
        long seen = 0;
        for (var w = Math.Max(0, first - reach); w <= Math.Min(wordGroups.Length - 1, last + reach); w++)
        {
            if (wordGroups[w] >= 0 && Layout.SentenceOfWord(w) == sentence)
            {
                seen |= 1L << wordGroups[w];
            }
        }

        return BitOperations.PopCount((ulong)seen);
    }

    /// <summary>The share of the question's weight that the distinct question words in [from, to] of the sentence carry.</summary>
    public double WeightIn(int from, int to, int sentence)
    {
        long seen = 0;
        var share = 0.0;
        for (var w = Math.Max(0, from); w <= Math.Min(wordGroups.Length - 1, to); w++)
        {
            var g = wordGroups[w];
            if (g >= 0 && (seen & (1L << g)) == 0 && Layout.SentenceOfWord(w) == sentence)
            {
                seen |= 1L << g;
                share += groupShares[g];
            }
        }

        return share;
    }

    /// <summary>Whether a word in [from, to] of the sentence matches any question word.</summary>
    public bool AnyGroupIn(int from, int to, int sentence) => GroupIn(-2, from, to, sentence);

    /// <summary>Whether a word in [from, to] of the sentence matches question word <paramref name="group"/> (any, for −2).</summary>
    public bool GroupIn(int group, int from, int to, int sentence)
    {
        if (group == -1)
        {
            return false;
        }

        for (var w = Math.Max(0, from); w <= Math.Min(wordGroups.Length - 1, to); w++)
        {
            if (wordGroups[w] >= 0 && (group == -2 || wordGroups[w] == group) && Layout.SentenceOfWord(w) == sentence)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a name follows "by" (a few lower-case words or titles between: "headlined by the British rock group
    /// Coldplay") or "of" (titles only: "under the leadership of vice-president René Barrientos"), after a matched
    /// word of its sentence.
    /// </summary>
    public bool AfterAgentMarker(int start, int sentence)
    {
        if (sentence < 0 || firstMatch[sentence] < 0 || Layout.WordStart(firstMatch[sentence]) >= start)
        {
            return false;
        }

        var quote = Layout.Quote;
        var words = quote[Math.Max(0, start - 60)..start].Split((char[])[' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var i = words.Length - 1;
        var onlyTitles = true;
        while (i >= 0 && words.Length - 1 - i < 5 && words[i] is not ("by" or "of"))
        {
            var title = AnswerCandidates.Titles.Contains(words[i].TrimEnd('.')) || words[i].Contains('-', StringComparison.Ordinal) || words[i] is "the";
            if (!title && !(words[i].Length > 0 && char.IsLower(words[i][0])))
            {
                return false;
            }

            onlyTitles &= title;
            i--;
        }

        return i >= 0 && (words[i] is "by" || (words[i] is "of" && onlyTitles));
    }
}
