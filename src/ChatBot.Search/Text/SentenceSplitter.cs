using ChatBot.Core;

namespace ChatBot.Search.Text;

/// <summary>
/// Splits prose into sentences. A sentence ends at ".", "!", "?" or an ellipsis followed (after any closing
/// quotes, brackets and footnote markers such as "(2)") by white space and the start of a new sentence; not
/// after an abbreviation ("Gen.", "U.S." before a lower-case word), an initial ("J. F. Kennedy") or inside a
/// number ("5.7"). Linear time, never throws.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "gov", "sen", "rep",
        "pres", "st", "jr", "sr", "rev", "hon", "vs", "etc", "e.g", "i.e", "cf", "al", "no", "nos", "vol", "vols", "pp",
        "p", "ca", "c", "approx", "inc", "ltd", "co", "corp", "dept", "univ", "fig", "figs", "ed", "eds", "mt", "ft",
        "ave", "blvd", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    // Words that, capitalised after an abbreviation such as "U.S.", mark a new sentence rather than a name.
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "In", "On", "At", "A", "An",
        "But", "And", "However", "Yet", "So", "There", "Their", "His", "Her", "After", "Before", "When", "While", "As",
    };

    public static IReadOnlyList<TextRange> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<TextRange>();
        var start = SkipSpace(text, 0);
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '\u2026'))
            {
                i++;
                continue;
            }

            var punctuationStart = i;
            while (i < text.Length && text[i] is '.' or '!' or '?' or '\u2026')
            {
                i++;
            }

            var end = SkipClosers(text, i);
            var next = SkipSpace(text, end);
            var isSinglePeriod = text[punctuationStart] == '.' && i - punctuationStart == 1;
            if (next == end || next >= text.Length || !StartsSentence(text, next)
                || (isSinglePeriod && !EndsSentenceAtPeriod(text, punctuationStart, next)))
            {
                i = end;
                continue;
            }

            sentences.Add(new TextRange(start, end));
            start = next;
            i = next;
        }

        var last = TrimEnd(text, text.Length);
        if (last > start)
        {
            sentences.Add(new TextRange(start, last));
        }

        return sentences;
    }

    /// <summary>Whether the single period at <paramref name="period"/> ends a sentence.</summary>
    private static bool EndsSentenceAtPeriod(string text, int period, int next)
    {
        var wordStart = period;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..period];
        if (word.Length == 0)
        {
            return true;
        }

        if (char.IsDigit(word[0]) && word.All(c => char.IsDigit(c) || c is '.' or ','))
        {
            // "in 1964. The" and "a rating of 99.4. Newton" end a sentence; "No. 5" was caught as an abbreviation.
            return true;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            // An initial: "J. F. Kennedy".
            return false;
        }

        var nextWord = NextWord(text, next);
        if (word.Contains('.', StringComparison.Ordinal) && word.Length <= 6)
        {
            // An acronym with periods ("U.S", "U.S.A") ends a sentence only before a typical sentence opener.
            return SentenceStarters.Contains(nextWord);
        }

        return !Abbreviations.Contains(word) || SentenceStarters.Contains(nextWord);
    }

    private static bool StartsSentence(string text, int at)
    {
        var c = text[at];
        if (c is '"' or '\'' or '\u201C' or '\u2018' or '(' or '[')
        {
            return at + 1 < text.Length && (char.IsUpper(text[at + 1]) || char.IsDigit(text[at + 1]));
        }

        return char.IsUpper(c) || char.IsDigit(c);
    }

    /// <summary>Skips closing quotes and brackets, and footnote markers like "(2)" or "[3]", after the punctuation.</summary>
    private static int SkipClosers(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '\u201D' or '\u2019' or ')' or ']')
            {
                i++;
                continue;
            }

            if (c is '(' or '[')
            {
                var close = c == '(' ? ')' : ']';
                var j = i + 1;
                while (j < text.Length && j - i <= 4 && char.IsDigit(text[j]))
                {
                    j++;
                }

                if (j > i + 1 && j < text.Length && text[j] == close)
                {
                    i = j + 1;
                    continue;
                }
            }

            break;
        }

        return i;
    }

    private static string NextWord(string text, int at)
    {
        var end = at;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text[at..end];
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int TrimEnd(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}
