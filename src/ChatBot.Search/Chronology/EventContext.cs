using ChatBot.Search.Dates;
using ChatBot.Search.Index;

namespace ChatBot.Search.Chronology;

/// <summary>
/// What a dated phrase is about: the words of the clause it stands in (commas, semicolons, colons, brackets and
/// dashes end a clause), without the dates themselves, widened to the clauses before and then after it until
/// there are at least <see cref="MinimumTerms"/>. Two sources date the same event when their contexts share most
/// words; comparing whole sentences would take "the revolution of 1952" and "the coup of 1964" of one sentence
/// for one event.
/// </summary>
public static class EventContext
{
    public const int MinimumTerms = 3;

    private static readonly HashSet<string> DateWords = new(
        TextAnalysis.TermsOf("january february march april may june july august september october november december " +
            "jan feb mar apr jun jul aug sep sept oct nov dec early mid late spring summer autumn fall winter beginning end " +
            "half century decade year years month day between from until circa bc ad"),
        StringComparer.Ordinal);

    /// <summary>For each mention of <paramref name="sentence"/>, the terms of its context.</summary>
    public static List<HashSet<string>> Of(string sentence, IReadOnlyList<DateMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(mentions);
        var clauses = Clauses(sentence, mentions);
        var terms = new HashSet<string>[clauses.Count];
        HashSet<string> TermsOf(int clause) => terms[clause] ??= ClauseTerms(sentence, clauses[clause], mentions);

        var contexts = new List<HashSet<string>>(mentions.Count);
        foreach (var mention in mentions)
        {
            var at = Math.Max(0, clauses.FindLastIndex(c => c.Start <= mention.Start));
            var context = new HashSet<string>(TermsOf(at), StringComparer.Ordinal);
            for (int before = at - 1, after = at + 1; context.Count < MinimumTerms && (before >= 0 || after < clauses.Count);)
            {
                if (before >= 0)
                {
                    context.UnionWith(TermsOf(before--));
                }
                else
                {
                    context.UnionWith(TermsOf(after++));
                }
            }

            contexts.Add(context);
        }

        return contexts;
    }

    /// <summary>Whether two contexts speak of the same event: at least two words shared, and half of both (Dice).</summary>
    public static bool SameEvent(HashSet<string> a, HashSet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shared = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return shared >= 2 && 2.0 * shared / (a.Count + b.Count) >= 0.5;
    }

    private static List<(int Start, int End)> Clauses(string sentence, IReadOnlyList<DateMention> mentions)
    {
        var clauses = new List<(int Start, int End)>();
        var start = 0;
        var next = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            while (next < mentions.Count && mentions[next].End <= i)
            {
                next++;
            }

            var inside = next < mentions.Count && mentions[next].Start <= i;
            if (!inside && sentence[i] is ',' or ';' or ':' or '(' or ')' or '[' or ']' or '–' or '—')
            {
                clauses.Add((start, i));
                start = i + 1;
            }
        }

        clauses.Add((start, sentence.Length));
        return clauses;
    }

    private static HashSet<string> ClauseTerms(string sentence, (int Start, int End) clause, IReadOnlyList<DateMention> mentions)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in TextAnalysis.Analyze(sentence[clause.Start..clause.End]))
        {
            var start = clause.Start + token.Start;
            if (!mentions.Any(m => m.Start <= start && start < m.End) && !DateWords.Contains(token.Term) && !token.Term.All(char.IsAsciiDigit))
            {
                terms.Add(token.Term);
            }
        }

        return terms;
    }
}
