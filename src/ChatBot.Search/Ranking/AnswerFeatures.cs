using ChatBot.Core;

namespace ChatBot.Search.Ranking;

/// <summary>
/// A candidate answer inside a quote, in words: which words it covers, whether it is a name, a phrase of content
/// words (and whether it is that phrase's whole run or its end) or a shape of its kind with a unit.
/// </summary>
public readonly record struct SpanCandidate(int Start, int End, int First, int Last, bool IsName, bool IsPhrase, bool HasUnit, bool WholeRun, bool RunEnd);

/// <summary>
/// What a span scorer knows about a candidate without a tagger: how much of the question its sentence matches
/// (and with how much weight, and whether it holds the question's heaviest word), how close in words it stands to
/// matched words, whether the words around it are the question's words next to the wh-word, its shape
/// (capitals, length, plural, a verb-like ending), the word before it ("by", "of", "in"), and for dates, numbers
/// and amounts what their shape says. The weights of these features per kind are fitted on data
/// (<see cref="AnswerSpanWeights"/>).
/// </summary>
public static class AnswerFeatures
{
    /// <summary>The features' names, in the order <see cref="Fill"/> writes them.</summary>
    public static readonly string[] Names =
    [
        "match-share", "weight-share", "best-sentence", "heaviest-word", "distance", "adjacent", "near-matches",
        "before-all-matches", "after-all-matches", "weight-3-before", "weight-3-after", "weight-10-around",
        "matches-on-both-sides", "question-word-next", "question-word-before", "wh-word-next-after",
        "wh-word-next-before", "last-word-before", "object-question-last-word-before", "starts-sentence", "name",
        "phrase", "one-word", "two-words", "three-words", "four-or-more-words", "one-word-name", "acronym", "digit",
        "plural", "verb-like", "whole-run", "run-end", "after-by", "after-of", "after-place-preposition",
        "after-determiner", "after-to-for-with", "after-comma", "agent-marker", "after-title", "institution",
        "institution-when-person-asked", "demonym", "in-parentheses", "unit", "percentage", "share-asked-no-percentage",
        "year-like", "in-a-date", "spelled-number", "full-date", "month", "year-only", "century", "decade", "range",
        "granularity-asked", "one-word-name-starting-sentence", "phrase-for-who", "phrase-near-weight", "capitalised-phrase",
        "number-range", "ordinal", "fraction-or-multiple", "round-quantity", "span-of-time", "number-compound", "clock-time",
        "name-after-a-role",
    ];

    public static int Count => Names.Length;

    /// <summary>The index of "object-question-last-word-before".</summary>
    public static readonly int ObjectAfterVerb = Array.IndexOf(Names, "object-question-last-word-before");

    private static readonly int OneWordNameStartingSentence = Array.IndexOf(Names, "one-word-name-starting-sentence");
    private static readonly int NumberShapes = Array.IndexOf(Names, "number-range");
    private static readonly int NameAfterARole = Array.IndexOf(Names, "name-after-a-role");

    /// <summary>Writes the features of <paramref name="c"/> in <paramref name="context"/> to <paramref name="f"/> (length <see cref="Count"/>).</summary>
    public static void Fill(SpanContext context, in SpanCandidate c, Span<double> f)
    {
        ArgumentNullException.ThrowIfNull(context);
        f.Clear();
        var layout = context.Layout;
        var quote = layout.Quote;
        var s = layout.SentenceOfWord(c.First);
        var i = 0;
        f[i++] = context.MatchShare(s);
        f[i++] = context.WeightShare(s);
        f[i++] = context.IsBestSentence(s) ? 1 : 0;
        f[i++] = context.HoldsHeaviest(s) ? 1 : 0;
        var distance = context.Distance(c.First, c.Last, s);
        f[i++] = Math.Min(distance, 20) / 20.0;
        f[i++] = distance <= 2 ? 1 : 0;
        f[i++] = Math.Min(context.GroupsNear(c.First, c.Last, s, 6), 5) / 5.0;
        var (firstMatch, lastMatch) = context.MatchedRange(s);
        f[i++] = firstMatch >= 0 && c.Last < firstMatch ? 1 : 0;
        f[i++] = lastMatch >= 0 && c.First > lastMatch ? 1 : 0;
        f[i++] = context.WeightIn(c.First - 3, c.First - 1, s);
        f[i++] = context.WeightIn(c.Last + 1, c.Last + 3, s);
        var around = context.WeightIn(c.First - 10, c.Last + 10, s);
        f[i++] = around;
        f[i++] = firstMatch >= 0 && firstMatch < c.First && lastMatch > c.Last ? 1 : 0;
        f[i++] = context.AnyGroupIn(c.Last + 1, c.Last + 2, s) ? 1 : 0;
        f[i++] = context.AnyGroupIn(c.First - 2, c.First - 1, s) ? 1 : 0;
        f[i++] = context.GroupIn(context.WhNextGroup, c.Last + 1, c.Last + 3, s) ? 1 : 0;
        f[i++] = context.GroupIn(context.WhNextGroup, c.First - 3, c.First - 1, s) ? 1 : 0;
        var lastBefore = context.GroupIn(context.LastGroup, c.First - 3, c.First - 1, s);
        f[i++] = lastBefore ? 1 : 0;
        f[i++] = lastBefore && context.AsksForAnObject ? 1 : 0;
        var startsSentence = c.First == 0 || layout.SentenceOfWord(c.First - 1) != s;
        f[i++] = startsSentence ? 1 : 0;

        var text = quote.AsSpan(c.Start, c.End - c.Start);
        var words = c.Last - c.First + 1;
        f[i++] = c.IsName ? 1 : 0;
        f[i++] = c.IsPhrase && !c.IsName ? 1 : 0;
        f[i++] = words == 1 ? 1 : 0;
        f[i++] = words == 2 ? 1 : 0;
        f[i++] = words == 3 ? 1 : 0;
        f[i++] = words >= 4 ? 1 : 0;
        f[i++] = c.IsName && words == 1 ? 1 : 0;
        f[i++] = HasAcronym(text) ? 1 : 0;
        f[i++] = text.IndexOfAnyInRange('0', '9') >= 0 ? 1 : 0;
        var lastWord = quote.AsSpan(layout.WordStart(c.Last), layout.WordEnd(c.Last) - layout.WordStart(c.Last));
        f[i++] = char.IsLower(lastWord[0]) && lastWord.Length > 3 && lastWord.EndsWith('s') && !lastWord.EndsWith("ss") ? 1 : 0;
        f[i++] = VerbLike(quote, layout, c.First, c.Last) ? 1 : 0;
        f[i++] = c.WholeRun ? 1 : 0;
        f[i++] = c.RunEnd ? 1 : 0;

        // The word before the candidate, skipping one determiner: "by the British group", "in the shallow crust".
        var before = c.First - 1;
        var determiner = before >= 0 && layout.SentenceOfWord(before) == s && IsDeterminer(Word(layout, before));
        var marker = determiner ? before - 1 : before;
        var markerWord = marker >= 0 && layout.SentenceOfWord(marker) == s ? Word(layout, marker) : [];
        // "Led by" marks the doer, which a question asking for the object of its verb ("who did the junta overthrow") already names.
        var agent = !context.AsksForAnObject;
        f[i++] = agent && markerWord.Equals("by", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        f[i++] = markerWord.Equals("of", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        f[i++] = IsPlacePreposition(markerWord) ? 1 : 0;
        f[i++] = determiner ? 1 : 0;
        f[i++] = markerWord is "to" or "for" or "with" ? 1 : 0;
        f[i++] = c.First > 0 && quote.AsSpan(layout.WordEnd(c.First - 1), c.Start - layout.WordEnd(c.First - 1)).Contains(',') ? 1 : 0;
        f[i++] = agent && c.IsName && context.AfterAgentMarker(c.Start, s) ? 1 : 0;
        f[i++] = before >= 0 && layout.SentenceOfWord(before) == s && AnswerCandidates.Titles.Contains(Word(layout, before).TrimEnd('.').ToString()) ? 1 : 0;
        var institution = c.IsName && AnswerCandidates.NamesAnInstitution(text.ToString());
        f[i++] = institution ? 1 : 0;
        f[i++] = institution && context.AsksForAPerson ? 1 : 0;
        f[i++] = c.IsName && LikeADemonym(text) ? 1 : 0;
        f[i++] = c.Start > 0 && quote[c.Start - 1] == '(' ? 1 : 0;

        var percentage = text.Contains('%') || text.Contains("percent", StringComparison.OrdinalIgnoreCase) || text.Contains("per cent", StringComparison.OrdinalIgnoreCase);
        f[i++] = c.HasUnit ? 1 : 0;
        f[i++] = percentage ? 1 : 0;
        f[i++] = context.AsksForAShare && !percentage ? 1 : 0;
        f[i++] = text.Length == 4 && text[0] is '1' or '2' && int.TryParse(text, out var year) && year is >= 1000 and <= 2099 ? 1 : 0;
        f[i++] = context.Kind == AnswerKind.Number && InADate(quote, c.Start, c.End) ? 1 : 0;
        f[i++] = char.IsLetter(text[0]) && context.Kind is AnswerKind.Number or AnswerKind.Amount ? 1 : 0;
        var phrase = c.IsPhrase && !c.IsName;
        var tail = OneWordNameStartingSentence;
        f[tail] = c.IsName && words == 1 && startsSentence ? 1 : 0;
        f[tail + 1] = phrase && context.AsksWho ? 1 : 0;
        f[tail + 2] = phrase ? around : 0;
        f[tail + 3] = phrase && char.IsUpper(text[0]) ? 1 : 0;
        // "safety Kurt Coleman", "explorer Jean Ribault": a name right after a lower-case noun naming its role.
        f[NameAfterARole] = c.IsName && RoleWordAt(layout, c.First - 1, s) ? 1 : 0;

        if (context.Kind is AnswerKind.Number or AnswerKind.Amount && NumberShape(text) is var shape and >= 0)
        {
            f[NumberShapes + shape] = 1;
        }

        if (context.Kind == AnswerKind.Date)
        {
            var month = HasMonth(text);
            var hasYear = HasYear(text);
            var century = text.Contains("centur", StringComparison.OrdinalIgnoreCase);
            var decade = text.EndsWith('s') && !century;
            var range = text.Contains('–') || text.Contains('-') || text.Contains(" and ", StringComparison.Ordinal) || text.Contains(" to ", StringComparison.Ordinal);
            var day = month && text.IndexOfAnyInRange('0', '9') >= 0 && (!hasYear || CountDigitRuns(text) > 1);
            f[i++] = month && day && hasYear ? 1 : 0;
            f[i++] = month ? 1 : 0;
            f[i++] = hasYear && !month && !decade && !range ? 1 : 0;
            f[i++] = century ? 1 : 0;
            f[i++] = decade ? 1 : 0;
            f[i++] = range ? 1 : 0;
            f[i] = context.Granularity switch
            {
                DateGranularity.Day => day ? 1 : 0,
                DateGranularity.Month => month ? 1 : 0,
                DateGranularity.Year => hasYear && !decade ? 1 : 0,
                DateGranularity.Century => century ? 1 : 0,
                DateGranularity.Decade => decade ? 1 : 0,
                _ => 0,
            };
        }
    }

    /// <summary>
    /// Which of the loose shapes of a number (<see cref="AnswerCandidates.ForAnswer"/>) a candidate has, in the
    /// order of their features from "number-range": a range, an ordinal, a fraction or a multiple, a round
    /// quantity, a span of time, a number joined to its unit ("24-year"), a time of day; −1 for none.
    /// </summary>
    private static int NumberShape(ReadOnlySpan<char> text)
    {
        var digits = text.IndexOfAnyInRange('0', '9') >= 0;
        if (digits && text.Contains(':'))
        {
            return 6;
        }

        var dash = text.IndexOfAny('-', '–');
        if (digits && dash > 0 && dash + 1 < text.Length)
        {
            return char.IsLetter(text[dash + 1]) ? 5 : 0;
        }

        if (text.StartsWith("a ", StringComparison.OrdinalIgnoreCase) || text.StartsWith("an ", StringComparison.OrdinalIgnoreCase))
        {
            return 4;
        }

        if (IsOrdinal(text))
        {
            return 1;
        }

        if (text.Contains("half", StringComparison.OrdinalIgnoreCase) || text.Contains("third", StringComparison.OrdinalIgnoreCase) || text.Contains("quarter", StringComparison.OrdinalIgnoreCase)
            || text.Contains("fourth", StringComparison.OrdinalIgnoreCase) || text.Contains("fifth", StringComparison.OrdinalIgnoreCase) || text.Contains("twice", StringComparison.OrdinalIgnoreCase)
            || text.Contains("thrice", StringComparison.OrdinalIgnoreCase) || text.Contains("once", StringComparison.OrdinalIgnoreCase) || text.EndsWith(" times", StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        return (text.EndsWith("s", StringComparison.Ordinal) && !digits) || text.Equals("several", StringComparison.OrdinalIgnoreCase)
            || text.Equals("infinitely many", StringComparison.OrdinalIgnoreCase) ? 3 : -1;
    }

    private static readonly string[] OrdinalWords =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];

    /// <summary>"seventh", "15th".</summary>
    private static bool IsOrdinal(ReadOnlySpan<char> text)
    {
        foreach (var word in OrdinalWords)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return text.Length > 2 && char.IsDigit(text[0]) && char.IsDigit(text[^3]) && (text.EndsWith("st") || text.EndsWith("nd") || text.EndsWith("rd") || text.EndsWith("th"));
    }

    /// <summary>
    /// A one-word name shaped like the adjective or plural of a people or a region ("Bolivian", "Americans",
    /// "Western", "French"): for where-questions the place is the country, not its people.
    /// </summary>
    private static bool LikeADemonym(ReadOnlySpan<char> text)
    {
        var name = text.ToString();
        return AnswerCandidates.IsDemonym(name) || (!text.Contains(' ') && (text.EndsWith("ern") || text.EndsWith("ians") || text.EndsWith("ans")
            || text.EndsWith("ese") || text.EndsWith("ch")));
    }

    /// <summary>A lower-case content word of the sentence joined to its neighbours by spaces alone ("safety", "explorer").</summary>
    private static bool RoleWordAt(QuoteLayout layout, int word, int sentence)
    {
        if (word <= 0 || word >= layout.WordCount - 1 || layout.SentenceOfWord(word) != sentence || !layout.JoinsPrevious(word) || !layout.JoinsPrevious(word + 1))
        {
            return false;
        }

        var w = Word(layout, word);
        return char.IsLower(w[0]) && w.Length > 3 && !AnswerPhrases.IsFunctionWord(w);
    }

    private static ReadOnlySpan<char> Word(QuoteLayout layout, int word)
        => layout.Quote.AsSpan(layout.WordStart(word), layout.WordEnd(word) - layout.WordStart(word));

    private static bool IsDeterminer(ReadOnlySpan<char> word)
        => word is "the" or "a" or "an" or "The" or "A" or "An" or "its" or "their" or "his" or "her" or "this" or "these" or "those";

    private static bool IsPlacePreposition(ReadOnlySpan<char> word)
        => word is "in" or "at" or "on" or "near" or "from" or "into" or "across" or "throughout" or "within" or "In" or "At" or "On" or "From";

    private static bool HasAcronym(ReadOnlySpan<char> text)
    {
        var run = 0;
        foreach (var ch in text)
        {
            run = char.IsUpper(ch) ? run + 1 : 0;
            if (run >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A lower-case word ending in "ed", "ing" or "ly": likely a verb or an adverb, not a noun phrase.</summary>
    private static bool VerbLike(string quote, QuoteLayout layout, int first, int last)
    {
        for (var w = first; w <= last; w++)
        {
            var word = quote.AsSpan(layout.WordStart(w), layout.WordEnd(w) - layout.WordStart(w));
            if (char.IsLower(word[0]) && word.Length > 4 && (word.EndsWith("ed") || word.EndsWith("ing") || word.EndsWith("ly")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A number that is the day of a date ("October 25, 1961") or a date's year.</summary>
    private static bool InADate(string quote, int start, int end)
    {
        var before = quote.AsSpan(Math.Max(0, start - 10), start - Math.Max(0, start - 10)).TrimEnd();
        var after = quote.AsSpan(end, Math.Min(quote.Length, end + 7) - end);
        return HasMonth(before) || (after.Length > 2 && after[0] == ',' && after[1] == ' ' && char.IsDigit(after[2]));
    }

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
         "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

    private static bool HasMonth(ReadOnlySpan<char> text)
    {
        foreach (var month in Months)
        {
            if (text.Contains(month, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasYear(ReadOnlySpan<char> text)
    {
        var run = 0;
        foreach (var ch in text)
        {
            run = char.IsDigit(ch) ? run + 1 : 0;
            if (run == 3)
            {
                return true;
            }
        }

        return false;
    }

    private static int CountDigitRuns(ReadOnlySpan<char> text)
    {
        var (runs, inRun) = (0, false);
        foreach (var ch in text)
        {
            var digit = char.IsDigit(ch);
            runs += digit && !inRun ? 1 : 0;
            inRun = digit;
        }

        return runs;
    }
}
