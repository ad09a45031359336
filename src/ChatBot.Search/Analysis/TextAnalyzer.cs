using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ChatBot.Search.Analysis;

/// <summary>
/// A word of a text as the index sees it: where it stands in the text (<see cref="Start"/> inclusive,
/// <see cref="End"/> exclusive) and its index term (lowercase, diacritics folded, stemmed). Stop words are
/// kept, flagged, so that positions and offsets stay true for proximity and highlighting.
/// </summary>
public readonly record struct AnalyzedToken(int Start, int End, string Term, bool IsStopWord);

/// <summary>
/// The one analyzer for indexing and querying. Words are runs of letters and digits; an apostrophe splits a
/// word and drops a possessive "'s"; hyphens split; "U.S." is one word ("us"); numbers keep their decimal
/// point and lose thousands separators ("1,000" is "1000"); diacritics are folded ("René" is "rene"); words are
/// stemmed with Porter2. Never throws on any input.
/// </summary>
public static class TextAnalyzer
{
    private const int MaxCachedWords = 1 << 20;
    private const int MaxTokenLength = 64;

    private static readonly ConcurrentDictionary<string, string> TermCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TermLookup =
        TermCache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds the tokens of <paramref name="text"/> to <paramref name="tokens"/>, in order.</summary>
    public static void Analyze(string text, List<AnalyzedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Scan(text, tokens, terms: null);
    }

    /// <summary>Scans <paramref name="text"/> into tokens (stop words flagged) or into terms (stop words left out).</summary>
    private static void Scan(string text, List<AnalyzedToken>? tokens, List<string>? terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<char> buffer = stackalloc char[MaxTokenLength * 2];
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordStart(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var end = ScanWord(text, ref i, out var skipPossessive);
            var token = Normalize(text.AsSpan(start, end - start), buffer, out var isStop);
            if (token is not null)
            {
                tokens?.Add(new AnalyzedToken(start, end, token, isStop));
                if (!isStop)
                {
                    terms?.Add(token);
                }
            }

            if (skipPossessive)
            {
                i += 2;
            }
        }
    }

    /// <summary>The tokens of <paramref name="text"/>, stop words included.</summary>
    public static List<AnalyzedToken> Analyze(string text)
    {
        var tokens = new List<AnalyzedToken>();
        Analyze(text, tokens);
        return tokens;
    }

    /// <summary>The index terms of <paramref name="text"/> in order, stop words left out.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        Scan(text, tokens: null, terms);
        return terms;
    }

    /// <summary>The index term of a single word (lowercased, folded, stemmed), or null when it has no letter or digit.</summary>
    public static string? TermOf(string word)
    {
        var tokens = Analyze(word);
        return tokens.Count > 0 ? tokens[0].Term : null;
    }

    /// <summary>Lowercases and folds diacritics ("Candía" → "candia", "Æ" → "ae"); other characters stay.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var sb = new StringBuilder(text.Length);
        AppendFolded(text, sb);
        return sb.ToString();
    }

    private static bool IsWordStart(char c) => char.IsLetterOrDigit(c);

    private static bool IsWordPart(char c)
        => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    /// <summary>Scans one word from <paramref name="i"/>; returns its end and leaves <paramref name="i"/> after it.</summary>
    private static int ScanWord(string text, ref int i, out bool skipPossessive)
    {
        skipPossessive = false;
        var start = i;
        var n = text.Length;
        if (char.IsDigit(text[i]))
        {
            i++;
            while (i < n)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    i++;
                }
                else if (c == '.' && i + 1 < n && char.IsDigit(text[i + 1]) && char.IsDigit(text[i - 1]))
                {
                    i++;
                }
                else if (c == ',' && IsThousandsGroup(text, i))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            return i;
        }

        i++;
        while (i < n && IsWordPart(text[i]))
        {
            i++;
        }

        // "U.S." and "U.S.A.": single letters joined by periods are one word.
        if (i - start == 1 && i + 1 < n && text[i] == '.' && char.IsLetter(text[i + 1]) && (i + 2 >= n || !IsWordPart(text[i + 2])))
        {
            while (i + 1 < n && text[i] == '.' && char.IsLetter(text[i + 1]) && (i + 2 >= n || !IsWordPart(text[i + 2])))
            {
                i += 2;
            }

            if (i < n && text[i] == '.')
            {
                i++;
            }

            return i;
        }

        if (i + 1 < n && IsApostrophe(text[i]) && char.IsLetter(text[i + 1]))
        {
            var possessive = text[i + 1] is 's' or 'S' && (i + 2 >= n || !IsWordPart(text[i + 2]));
            var end = i;
            if (possessive)
            {
                skipPossessive = true;
            }
            else
            {
                i++;
            }

            return end;
        }

        return i;
    }

    private static bool IsThousandsGroup(string text, int comma)
    {
        // "1,000" joins, "1,2" and "1,0000" do not.
        var n = text.Length;
        for (var k = 1; k <= 3; k++)
        {
            if (comma + k >= n || !char.IsDigit(text[comma + k]))
            {
                return false;
            }
        }

        return comma + 4 >= n || !char.IsDigit(text[comma + 4]);
    }

    private static string? Normalize(ReadOnlySpan<char> word, Span<char> buffer, out bool isStop)
    {
        isStop = false;
        if (word.Length > MaxTokenLength)
        {
            word = word[..MaxTokenLength];
        }

        var allCaps = word.Length >= 2;
        var ascii = true;
        var length = 0;
        foreach (var c in word)
        {
            if (c is '.' or ',')
            {
                // Acronym periods and thousands separators; a decimal point stays.
                if (c == '.' && length > 0 && char.IsDigit(buffer[length - 1]))
                {
                    buffer[length++] = c;
                }

                continue;
            }

            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                allCaps = false;
            }

            if (c >= 128)
            {
                ascii = false;
            }

            buffer[length++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }

        if (length == 0)
        {
            return null;
        }

        ReadOnlySpan<char> folded = buffer[..length];
        string? foldedString = null;
        if (!ascii)
        {
            foldedString = FoldSlow(folded);
            folded = foldedString;
            if (folded.Length == 0)
            {
                return null;
            }
        }

        isStop = StopWords.Contains(folded, allCaps);
        if (TermLookup.TryGetValue(folded, out var cached))
        {
            return cached;
        }

        foldedString ??= folded.ToString();
        var term = MakeTerm(foldedString);
        if (TermCache.Count < MaxCachedWords)
        {
            TermCache.TryAdd(foldedString, term);
        }

        return term;
    }

    private static string MakeTerm(string folded)
    {
        if (char.IsDigit(folded[0]))
        {
            // "1960s" is the 1960s; an ordinal or a code ("3rd", "b52") stays as written.
            return folded.Length > 1 && folded[^1] == 's' && char.IsDigit(folded[^2]) ? folded[..^1] : folded;
        }

        return EnglishStemmer.Stem(folded);
    }

    private static string FoldSlow(ReadOnlySpan<char> lowered)
    {
        var sb = new StringBuilder(lowered.Length + 4);
        AppendFolded(lowered.ToString(), sb);
        return sb.ToString();
    }

    private static void AppendFolded(string text, StringBuilder sb)
    {
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'ß': sb.Append("ss"); break;
                case 'æ': sb.Append("ae"); break;
                case 'œ': sb.Append("oe"); break;
                case 'ø': sb.Append('o'); break;
                case 'ł': sb.Append('l'); break;
                case 'đ' or 'ð': sb.Append('d'); break;
                case 'þ': sb.Append("th"); break;
                case 'ı': sb.Append('i'); break;
                case 'ſ': sb.Append('s'); break;
                default: sb.Append(lower); break;
            }
        }
    }
}
