using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Finds the likely answer inside a quote for who / when / where / how many / how much questions: a candidate of
/// the kind asked for (<see cref="AnswerCandidates"/>) that is none of the question's own words, in the sentence
/// that matches most of the question, close to the words it matched. Rules, not a model; their weights are fitted
/// on the visible SQuAD set (ChatBot.Bench quality, answer spans), see <see cref="Score"/>.
/// </summary>
public static partial class AnswerSpans
{
    /// <summary>What kind of answer a question asks for (see <see cref="AnswerKinds.Classify"/>).</summary>
    public static AnswerKind Classify(string? question) => AnswerKinds.Classify(question);

    /// <summary>
    /// The best answer of <paramref name="kind"/> in <paramref name="quote"/>, or null when the quote holds no
    /// candidate that the question does not already name.
    /// </summary>
    /// <param name="query">The question's terms with their groups, when known: "overthrew" in a quote is the question's "overthrow".</param>
    public static AnswerSpan? Find(
        string question, string quote, AnswerKind kind, IReadOnlyList<TextRange> highlights, IReadOnlySet<string> questionTerms, ParsedQuery? query = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(questionTerms);
        if (kind == AnswerKind.None || highlights.Count == 0)
        {
            return null;
        }

        var folded = " " + TextAnalysis.Fold(question) + " ";
        var asksPerson = kind == AnswerKind.Person && AnswerKinds.AsksForAPerson(folded);
        var asksShare = kind == AnswerKind.Amount && AnswerKinds.AsksForAShare(folded);
        var layout = new QuoteLayout(quote, highlights);
        var groups = query?.Terms.GroupBy(t => t.Term, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Group, StringComparer.Ordinal);
        var objectGroup = AnswerKinds.AsksForAnObject(folded) ? LastWordGroup(question, groups) : null;
        AnswerSpan? best = null;
        var bestScore = double.MinValue;
        foreach (var found in AnswerCandidates.In(quote, kind))
        {
            var candidate = kind is AnswerKind.Person or AnswerKind.Place ? WithoutQuestionWords(quote, found, questionTerms) : found;
            if (candidate.End <= candidate.Start)
            {
                continue;
            }

            var text = quote[candidate.Start..candidate.End];
            if (SharesAWordWith(text, questionTerms) || (kind is AnswerKind.Person && AnswerCandidates.IsDemonym(text))
                || (asksPerson && AnswerCandidates.NamesAnInstitution(text)))
            {
                continue;
            }

            var score = Score(layout, candidate, questionTerms, asksShare, objectGroup, groups);
            if (score > bestScore)
            {
                bestScore = score;
                best = new AnswerSpan(text, candidate.Start, candidate.End, kind);
            }
        }

        return best;
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
    /// How likely a candidate is the answer, higher is likelier. The weights were fitted on the typed questions of
    /// the visible SQuAD set by coordinate ascent on one half of its articles and kept where they helped the other
    /// half too: the share of the question its sentence matches (10) and whether that is the quote's best sentence
    /// (2) dominate; then closeness in words to a matched word (−2.5 at 20 words or more), matched words within six
    /// words (0.2 each), a name standing before every matched word of its sentence (−1.5), a one-word name (−1), a
    /// name after "by" or "of" ("led by General Barrientos", 1), for an amount a unit (4) and, when a share or a
    /// change is asked, anything but a percentage (−5), and a question word right after the candidate ("18,000
    /// troops", 0.5). A name right after the question's last word for "who did the junta overthrow" (2) is neutral
    /// on SQuAD and kept for such object questions. Rejected because they did not hold on the other half:
    /// preferring names before the verb, idf-weighted closeness, dropping capitalised common words that begin a
    /// sentence, and names after "in"/"at" for "where".
    /// </summary>
    private static double Score(
        QuoteLayout layout, AnswerCandidate candidate, IReadOnlySet<string> questionTerms, bool asksShare, int? objectGroup, Dictionary<string, int>? groups)
    {
        var sentence = layout.SentenceOf(candidate.Start, candidate.End);
        var matched = sentence < 0 ? 0 : layout.MatchedIn(sentence);
        var (first, last) = layout.WordsOf(candidate.Start, candidate.End);
        var inSentence = sentence < 0 ? [] : layout.HighlightsIn(sentence);
        var near = inSentence.Count > 0 ? inSentence : layout.Highlights;
        var distance = near.Min(h => h.LastWord < first ? first - h.LastWord : h.FirstWord > last ? h.FirstWord - last : 0);
        var within = inSentence.Where(h => first - 6 <= h.LastWord && h.FirstWord <= last + 6).Select(h => h.Term).Distinct(StringComparer.Ordinal).Count();

        var score = (10.0 * matched / Math.Max(1, questionTerms.Count))
            + (matched == layout.BestMatched ? 2 : 0)
            - (2.5 * Math.Min(distance, 20) / 20.0)
            + (0.2 * within);
        if (inSentence.Count > 0 && last < inSentence.Min(h => h.FirstWord))
        {
            score -= 1.5;
        }

        var text = layout.Quote.AsSpan(candidate.Start, candidate.End - candidate.Start);
        if (candidate.IsName && !text.Contains(' '))
        {
            score -= 1;
        }

        if (candidate.IsName && inSentence.Any(h => h.Range.End <= candidate.Start) && AfterAgentMarker(layout.Quote, candidate.Start))
        {
            score += 1;
        }

        if (objectGroup is { } group && groups is not null
            && inSentence.Any(h => groups.TryGetValue(h.Term, out var g) && g == group && h.LastWord < first && first - h.LastWord <= 3))
        {
            score += 2;
        }

        if (candidate.HasUnit)
        {
            score += 4;
        }

        if (asksShare && !text.Contains('%') && !text.Contains("percent", StringComparison.OrdinalIgnoreCase))
        {
            score -= 5;
        }

        if (QuestionWordFollows(layout.Quote, candidate.End, questionTerms))
        {
            score += 0.5;
        }

        return score;
    }

    /// <summary>
    /// Whether the candidate follows "by" (a few lower-case words or titles between: "headlined by the British rock
    /// group Coldplay") or "of" (titles only: "under the leadership of vice-president René Barrientos").
    /// </summary>
    private static bool AfterAgentMarker(string quote, int start)
    {
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

    /// <summary>The group of the question's last word ("overthrow" in "who did the junta overthrow?"), when the query is known.</summary>
    private static int? LastWordGroup(string question, Dictionary<string, int>? groups)
    {
        var tokens = TextAnalysis.Analyze(question);
        return tokens.Count > 0 && groups is not null && groups.TryGetValue(tokens[^1].Term, out var group) ? group : null;
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

    /// <summary>Whether one of the two words after <paramref name="end"/> is a question word ("18,000 troops" for "how many troops").</summary>
    private static bool QuestionWordFollows(string quote, int end, IReadOnlySet<string> questionTerms)
    {
        var after = quote[end..Math.Min(quote.Length, end + 40)];
        return TextAnalysis.Analyze(after).Take(2).Any(t => questionTerms.Contains(t.Term));
    }

    /// <summary>An answer is what the question does not already say: "Estenssoro" cannot answer "who ran against Estenssoro".</summary>
    private static bool SharesAWordWith(string text, IReadOnlySet<string> questionTerms)
        => TextAnalysis.TermsOf(text).Any(questionTerms.Contains);
}
