using System.Globalization;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>
/// A word of a quote or a passage: where it stands in its text, the key it is compared by, and whether an
/// ellipsis stands before it (in a quote: words left out there).
/// </summary>
internal readonly record struct QuoteWord(int Start, int End, string Key, bool GapBefore);

/// <summary>
/// Splits text into words for comparing a quote with a passage word for word. Unlike the index's analysis it keeps
/// every word (stop words matter to a quote) and does not stem. A word is a run of letters and digits (with their
/// accents), joined across an apostrophe or a hyphen between letters ("d’état", "re-elected"); its key is folded
/// as the index folds (<see cref="TextAnalysis.Fold"/>: case and diacritics) without the apostrophes, hyphens and
/// combining marks, so "D'État", "d’etat" and "détat" compare equal. Everything else (punctuation, straight or
/// curly quotes, dashes) only separates words; an ellipsis ("…", or three dots) marks a gap.
/// </summary>
internal static class QuoteWords
{
    public static List<QuoteWord> Split(string text, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<QuoteWord>();
        var gap = false;
        var i = 0;
        while (i < text.Length && words.Count < maxWords)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                i++;
                while (i < text.Length && (IsWordPart(text[i]) || (IsJoiner(text[i]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))))
                {
                    i++;
                }

                words.Add(new QuoteWord(start, i, Key(text.AsSpan(start, i - start)), gap));
                gap = false;
                continue;
            }

            if (c == '…')
            {
                gap = true;
            }
            else if (c == '.' && i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.')
            {
                gap = true;
                i += 3;
                continue;
            }

            i++;
        }

        return words;
    }

    private static bool IsWordPart(char c)
        => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsJoiner(char c) => c is '\'' or '’' or 'ʼ' or '‘' or '-' or '‐' or '‑';

    private static string Key(ReadOnlySpan<char> surface)
    {
        var folded = TextAnalysis.Fold(surface.ToString());
        var clean = true;
        foreach (var c in folded)
        {
            if (!char.IsLetterOrDigit(c))
            {
                clean = false;
                break;
            }
        }

        return clean ? folded : string.Concat(folded.Where(char.IsLetterOrDigit));
    }
}
