using System.Buffers;

namespace ChatBot.Search.Index;

/// <summary>
/// The words of a text in the Latin script exactly where <see cref="WordSplitter"/> (Lucene's StandardTokenizer,
/// Unicode's word boundaries) puts them, found in one pass over the characters instead of by the tokenizer's
/// generated scanner. For the characters it takes (<see cref="Covers"/>: ASCII, the accented letters of Latin-1 and
/// Latin Extended-A and -B, curly quotes, en and em dashes, no-break spaces) the rules are few: letters, digits and
/// underscores join; a period, colon or apostrophe (straight or curly) joins two letters ("U.S", "title:coup",
/// "don’t"); a period, comma, semicolon or apostrophe joins two digits ("1,000", "3.14"); everything else separates.
/// A run of underscores alone is no word, and a word longer than <see cref="PassageAnalyzer.MaxTokenLength"/> is
/// skipped, as the tokenizer skips it. TextAnalysisTests hold it to the tokenizer on random texts of these characters.
/// </summary>
internal static class LatinWordSplitter
{
    private static readonly SearchValues<char> Covered = SearchValues.Create(CoveredCharacters());

    /// <summary>Whether every character of <paramref name="text"/> is one whose word boundaries this splitter knows.</summary>
    public static bool Covers(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(Covered) < 0;

    /// <summary>Adds (start, end) of every word of <paramref name="text"/>, which it must cover.</summary>
    public static void Split(ReadOnlySpan<char> text, List<(int Start, int End)> words)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var hasLetterOrDigit = text[i] != '_';
            i++;
            while (i < text.Length)
            {
                var c = text[i];
                if (IsWordChar(c))
                {
                    hasLetterOrDigit |= c != '_';
                    i++;
                }
                else if (i + 1 < text.Length && Joins(text[i - 1], c, text[i + 1]))
                {
                    i += 2;
                }
                else
                {
                    break;
                }
            }

            if (hasLetterOrDigit && i - start <= PassageAnalyzer.MaxTokenLength)
            {
                words.Add((start, i));
            }
        }
    }

    private static bool IsLetter(char c) => char.IsAsciiLetter(c) || (c is >= '\u00C0' and <= '\u024F' and not '\u00D7' and not '\u00F7');

    private static bool IsWordChar(char c) => IsLetter(c) || char.IsAsciiDigit(c) || c == '_';

    /// <summary>Whether <paramref name="middle"/> between <paramref name="before"/> and <paramref name="after"/> keeps one word.</summary>
    private static bool Joins(char before, char middle, char after)
    {
        if (IsLetter(before) && IsLetter(after))
        {
            return middle is '.' or ':' or '\'' or '\u2018' or '\u2019';
        }

        return char.IsAsciiDigit(before) && char.IsAsciiDigit(after) && middle is '.' or ',' or ';' or '\'' or '\u2018' or '\u2019';
    }

    private static string CoveredCharacters()
    {
        var characters = new List<char>();
        for (var c = '\0'; c < '\u0080'; c++)
        {
            characters.Add(c);
        }

        for (var c = '\u00C0'; c <= '\u024F'; c++)
        {
            characters.Add(c);
        }

        characters.AddRange(['\u00A0', '\u2013', '\u2014', '\u2018', '\u2019', '\u201C', '\u201D']);
        return new string([.. characters]);
    }
}
