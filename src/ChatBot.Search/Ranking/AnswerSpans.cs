using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Finds the likely answer inside a quote for who / when / where / how many / how much questions: among the
/// candidates of the kind asked for (names, dates, numbers and amounts by their shapes, <see cref="AnswerCandidates"/>,
/// and for who and where also short phrases of content words, <see cref="AnswerPhrases"/>) that are none of the
/// question's own words, the one whose features (<see cref="AnswerFeatures"/>) score highest under the weights
/// fitted for its kind on SQuAD (<see cref="AnswerSpanWeights"/>).
/// </summary>
public static class AnswerSpans
{
    /// <summary>What kind of answer a question asks for (see <see cref="AnswerKinds.Classify"/>).</summary>
    public static AnswerKind Classify(string? question) => AnswerKinds.Classify(question);

    /// <summary>
    /// The best answer of <paramref name="kind"/> in <paramref name="quote"/>, or null when the quote holds no
    /// candidate that the question does not already name.
    /// </summary>
    /// <param name="query">The question's terms with their groups, when known: "overthrew" in a quote is the question's "overthrow".</param>
    /// <param name="weights">The question's terms with their groups and weights, when known (the ranking's).</param>
    public static AnswerSpan? Find(
        string question, string quote, AnswerKind kind, IReadOnlyList<TextRange> highlights, IReadOnlySet<string> questionTerms, ParsedQuery? query = null,
        QuestionWeights? weights = null)
        => Best(question, quote, kind, highlights, questionTerms, query, weights)?.Span;

    /// <summary>
    /// The best answer of <paramref name="kind"/> in <paramref name="quote"/> with its score (<see cref="Score"/>:
    /// how much the quote looks like it states the answer, which the ranking weighs too), or null as for
    /// <see cref="Find"/>.
    /// </summary>
    public static (AnswerSpan Span, double Score)? Best(
        string question, string quote, AnswerKind kind, IReadOnlyList<TextRange> highlights, IReadOnlySet<string> questionTerms, ParsedQuery? query = null,
        QuestionWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(questionTerms);
        if (kind == AnswerKind.None || highlights.Count == 0)
        {
            return null;
        }

        var (context, candidates) = Candidates(question, quote, kind, highlights, questionTerms, TermsOf(query, weights));
        var table = AnswerSpanWeights.For(kind);
        Span<double> features = stackalloc double[AnswerFeatures.Count];
        SpanCandidate? best = null;
        var bestScore = double.MinValue;
        foreach (var candidate in candidates)
        {
            AnswerFeatures.Fill(context, candidate, features);
            var score = Score(features, table);

            if (score > bestScore)
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best is { } b ? (new AnswerSpan(quote[b.Start..b.End], b.Start, b.End, kind), bestScore) : null;
    }

    /// <summary>
    /// A candidate's score: its features weighed by the fitted table, plus 2 for a name right after the verb of a
    /// question that asks for its object ("who did the junta overthrow": "overthrew President Victor Paz"). Such
    /// questions are too rare on SQuAD for a fitted weight (0.13 there), and the old rule's +2 was neutral on it.
    /// </summary>
    public static double Score(ReadOnlySpan<double> features, ReadOnlySpan<double> table)
    {
        var score = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            score += features[i] * table[i];
        }

        return score + (2 * features[AnswerFeatures.ObjectAfterVerb]);
    }

    /// <summary>
    /// Every candidate answer of <paramref name="kind"/> in <paramref name="quote"/> that the question does not
    /// already name, with the context that scores them: what <see cref="Find"/> chooses from, and what
    /// ChatBot.Bench span-weights fits the weights on.
    /// </summary>
    public static (SpanContext Context, List<SpanCandidate> Candidates) Candidates(
        string question, string quote, AnswerKind kind, IReadOnlyList<TextRange> highlights, IReadOnlySet<string> questionTerms,
        IReadOnlyDictionary<string, (int Group, double Weight)>? terms)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(quote);
        var layout = new QuoteLayout(quote, highlights);
        var context = new SpanContext(question, kind, layout, questionTerms, terms);
        var candidates = new List<SpanCandidate>();
        if (layout.WordCount == 0)
        {
            return (context, candidates);
        }

        var names = kind is AnswerKind.Person or AnswerKind.Place;
        var seen = new Dictionary<(int, int), int>();
        foreach (var found in AnswerCandidates.ForAnswer(quote, kind))
        {
            var candidate = names ? WithoutLeadingFunctionWords(quote, WithoutQuestionWords(quote, found, questionTerms), layout) : found;
            if (candidate.End <= candidate.Start)
            {
                continue;
            }

            // A name must be none of the question's words; a date or a number only not all of them ("17th century"
            // answers "in what century").
            var text = quote[candidate.Start..candidate.End];
            if ((names ? SharesAWordWith(text, questionTerms) : OnlyQuestionWords(text, questionTerms)) || (kind is AnswerKind.Person && AnswerCandidates.IsDemonym(text))
                || (context.AsksForAPerson && AnswerCandidates.NamesAnInstitution(text)))
            {
                continue;
            }

            var (first, last) = layout.WordsOf(candidate.Start, candidate.End);
            if (seen.TryAdd((candidate.Start, candidate.End), candidates.Count))
            {
                candidates.Add(new SpanCandidate(candidate.Start, candidate.End, first, last, names, false, candidate.HasUnit, false, false));
            }
        }

        if (names)
        {
            var phrases = new List<(int First, int Last, int RunFirst, int RunLast)>();
            AnswerPhrases.In(layout, questionTerms, phrases);
            foreach (var (first, last, runFirst, runLast) in phrases)
            {
                var start = layout.WordStart(first);
                var end = layout.WordEnd(last);
                if (quote.AsSpan(start, end - start) is var word && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("\u2019s", StringComparison.Ordinal)))
                {
                    end -= 2;
                }

                var whole = first == runFirst && last == runLast;
                if (seen.TryGetValue((start, end), out var at))
                {
                    candidates[at] = candidates[at] with { IsPhrase = true, WholeRun = whole, RunEnd = last == runLast };
                }
                else if (end > start)
                {
                    seen[(start, end)] = candidates.Count;
                    candidates.Add(new SpanCandidate(start, end, first, last, false, true, false, whole, last == runLast));
                }
            }
        }

        return (context, candidates);
    }

    /// <summary>Whether <paramref name="text"/> holds any candidate answer of <paramref name="kind"/> that is not made of question words.</summary>
    public static bool HasCandidate(string text, AnswerKind kind, IReadOnlySet<string> questionTerms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(questionTerms);
        return kind != AnswerKind.None && AnswerCandidates.In(text, kind).Any(c => !SharesAWordWith(text[c.Start..c.End], questionTerms)
            && !(kind == AnswerKind.Person && AnswerCandidates.IsDemonym(text[c.Start..c.End])));
    }

    /// <summary>The same answer written two ways ("Rene Barrientos", "René Barrientos") gets the same key.</summary>
    public static string Key(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var words = TextAnalysis.Fold(answer).Split((char[])[' ', ',', '.', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Where(w => !AnswerCandidates.Titles.Contains(w) && w is not ("the" or "of")));
    }

    /// <summary>
    /// The question's terms with their groups and weights: the ranking's, with the query's terms the corpus lacks
    /// added at weight 0 (the question's "overthrow" still names the group of the corpus's "overthrew").
    /// </summary>
    private static Dictionary<string, (int Group, double Weight)>? TermsOf(ParsedQuery? query, QuestionWeights? weights)
    {
        if (weights is null && query is null)
        {
            return null;
        }

        var terms = weights is null ? new Dictionary<string, (int, double)>(StringComparer.Ordinal) : new Dictionary<string, (int, double)>(weights.Terms, StringComparer.Ordinal);
        foreach (var term in query?.Terms ?? [])
        {
            terms.TryAdd(term.Term, (term.Group, weights is null ? term.Weight : 0));
        }

        return terms;
    }

    /// <summary>
    /// A name with the question's words trimmed from its ends: "NFL Commissioner Roger Goodell" answers "who was the
    /// commissioner" as Roger Goodell (empty when the name is all question words).
    /// </summary>
    private static AnswerCandidate WithoutQuestionWords(string quote, AnswerCandidate name, IReadOnlySet<string> questionTerms)
    {
        var words = quote[name.Start..name.End].Split(' ');
        int first = 0, last = words.Length - 1;
        while (first <= last && SharesAWordWith(words[first], questionTerms))
        {
            first++;
        }

        while (last >= first && SharesAWordWith(words[last], questionTerms))
        {
            last--;
        }

        if (first > last)
        {
            return name with { End = name.Start };
        }

        var start = name.Start + words[..first].Sum(w => w.Length + 1);
        var end = start + string.Join(' ', words[first..(last + 1)]).Length;
        return name with { Start = start, End = end };
    }

    /// <summary>
    /// A name without the capitalised function words and the adverb that start it ("Even Priesthood
    /// representatives", "Where", "Generally"): a sentence's first word is capitalised whatever it is.
    /// </summary>
    private static AnswerCandidate WithoutLeadingFunctionWords(string quote, AnswerCandidate name, QuoteLayout layout)
    {
        while (name.End > name.Start)
        {
            var space = quote.IndexOf(' ', name.Start, name.End - name.Start);
            var word = quote.AsSpan(name.Start, (space < 0 ? name.End : space) - name.Start);
            var first = layout.WordsOf(name.Start, name.End).First;
            var startsSentence = first == 0 || layout.SentenceOfWord(first - 1) != layout.SentenceOfWord(first);
            if (!AnswerPhrases.IsFunctionWord(word) && !(startsSentence && word.Length > 4 && word.EndsWith("ly", StringComparison.Ordinal)))
            {
                break;
            }

            name = space < 0 ? name with { End = name.Start } : name with { Start = space + 1 };
        }

        return name;
    }

    private static bool OnlyQuestionWords(string text, IReadOnlySet<string> questionTerms)
    {
        var terms = TextAnalysis.TermsOf(text);
        return terms.Count > 0 && terms.All(questionTerms.Contains);
    }

    /// <summary>An answer is what the question does not already say: "Estenssoro" cannot answer "who ran against Estenssoro".</summary>
    private static bool SharesAWordWith(string text, IReadOnlySet<string> questionTerms)
        => TextAnalysis.TermsOf(text).Any(questionTerms.Contains);
}
