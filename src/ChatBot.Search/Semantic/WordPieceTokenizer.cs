using System.Globalization;
using System.Text;

namespace ChatBot.Search.Semantic;

/// <summary>
/// BERT's uncased tokenization, as the embedding model was trained with it: text cleaned of control characters,
/// lowercased, accents stripped ("René" is "rene"), split at whitespace and punctuation, then each word cut into
/// the longest pieces of the model's vocabulary, continuations marked "##". A word no piece fits is one unknown
/// token. Sequences are <c>[CLS] … [SEP]</c>, cut to a token cap.
/// </summary>
public sealed class WordPieceTokenizer
{
    /// <summary>Words longer than this are one unknown token, as in BERT.</summary>
    private const int MaxWordChars = 100;

    private readonly Dictionary<string, int> vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int unknown;

    public WordPieceTokenizer(IEnumerable<string> vocabularyLines)
    {
        ArgumentNullException.ThrowIfNull(vocabularyLines);
        vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in vocabularyLines)
        {
            var piece = line.TrimEnd('\r', '\n');
            if (piece.Length > 0)
            {
                vocabulary.TryAdd(piece, vocabulary.Count);
            }
        }

        lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        Classification = Id("[CLS]");
        Separator = Id("[SEP]");
        unknown = Id("[UNK]");
    }

    public int Classification { get; }

    public int Separator { get; }

    /// <summary>The ids of <c>[CLS] text [SEP]</c>, at most <paramref name="maxTokens"/> of them (the separator always last).</summary>
    public int[] Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        var ids = new List<int>(Math.Min(maxTokens, (text.Length / 4) + 8)) { Classification };
        var normalized = Normalize(text);
        var start = -1;
        for (var i = 0; i <= normalized.Length && ids.Count < maxTokens - 1; i++)
        {
            var c = i < normalized.Length ? normalized[i] : ' ';
            var breaks = char.IsWhiteSpace(c) || IsPunctuation(c) || IsCjk(c);
            if (!breaks)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                AddWord(normalized.AsSpan(start, i - start), ids, maxTokens - 1);
                start = -1;
            }

            if (!char.IsWhiteSpace(c) && ids.Count < maxTokens - 1)
            {
                AddWord(normalized.AsSpan(i, 1), ids, maxTokens - 1);
            }
        }

        ids.Add(Separator);
        return [.. ids];
    }

    private int Id(string piece)
        => vocabulary.TryGetValue(piece, out var id) ? id : throw new ArgumentException($"the vocabulary lacks {piece}", nameof(piece));

    /// <summary>Greedy longest-match-first pieces of one word, or one unknown token when some part fits no piece.</summary>
    private void AddWord(ReadOnlySpan<char> word, List<int> ids, int limit)
    {
        if (word.Length > MaxWordChars)
        {
            ids.Add(unknown);
            return;
        }

        var mark = ids.Count;
        Span<char> buffer = stackalloc char[MaxWordChars + 2];
        var start = 0;
        while (start < word.Length)
        {
            var found = -1;
            var end = word.Length;
            for (; end > start; end--)
            {
                scoped ReadOnlySpan<char> piece;
                if (start == 0)
                {
                    piece = word[..end];
                }
                else
                {
                    buffer[0] = '#';
                    buffer[1] = '#';
                    word[start..end].CopyTo(buffer[2..]);
                    piece = buffer[..(end - start + 2)];
                }

                if (lookup.TryGetValue(piece, out found))
                {
                    break;
                }
            }

            if (end == start)
            {
                ids.RemoveRange(mark, ids.Count - mark);
                ids.Add(unknown);
                return;
            }

            if (ids.Count >= limit)
            {
                return;
            }

            ids.Add(found);
            start = end;
        }
    }

    /// <summary>Control characters dropped, whitespace made spaces, lowercased, accents stripped.</summary>
    private static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c == '\0' || c == '\uFFFD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Control or UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>BERT's punctuation: every ASCII character that is neither a letter, a digit nor a space, and Unicode's P categories.</summary>
    private static bool IsPunctuation(char c)
        => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~')
           || char.IsPunctuation(c);

    /// <summary>CJK ideographs are words of their own (the basic multilingual plane's blocks).</summary>
    private static bool IsCjk(char c)
        => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
