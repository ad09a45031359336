using System.Globalization;

namespace ChatBot.Core;

/// <summary>
/// The one way text is cut, everywhere (Discord cards, the terminal, error messages, stored questions). Lengths are
/// UTF-16 code units. Every cut falls on a grapheme boundary (<see cref="StringInfo"/>, Unicode's extended grapheme
/// clusters): a letter keeps its accents, a flag its two halves, an emoji its skin tone and ZWJ sequence, and no
/// surrogate pair is split. Cuts that shorten for a reader fall on a word boundary when one is near.
/// </summary>
public static class TextCut
{
    public const char EllipsisChar = '…';
    public const string Ellipsis = "…";

    /// <summary>A cut looks this far back for a space before it cuts inside a word.</summary>
    private const int WordSearch = 40;

    /// <summary>At most <paramref name="max"/> code units: cut at a word (else grapheme) boundary, with an ellipsis when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= 0)
        {
            return "";
        }

        var cut = WordCut(text, max - Ellipsis.Length);
        return text[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>The longest prefix of at most <paramref name="max"/> code units that ends on a grapheme boundary; no ellipsis.</summary>
    public static string Prefix(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..Floor(text, max)];
    }

    /// <summary>The length of the longest prefix, at most <paramref name="limit"/>, that ends at a word boundary (else a grapheme boundary).</summary>
    public static int WordCut(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (limit >= text.Length)
        {
            return text.Length;
        }

        if (limit <= 0)
        {
            return 0;
        }

        var position = 0;
        var space = -1;
        while (position < text.Length)
        {
            var next = position + StringInfo.GetNextTextElementLength(text, position);
            if (next > limit)
            {
                break;
            }

            position = next;
            if (position >= limit - WordSearch && position < text.Length && char.IsWhiteSpace(text[position]))
            {
                space = position;
            }
        }

        return space > 0 ? space : position;
    }

    /// <summary>The last grapheme boundary at or before <paramref name="index"/> (0 and the length are boundaries).</summary>
    public static int Floor(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (index >= text.Length)
        {
            return text.Length;
        }

        var position = 0;
        while (position < text.Length)
        {
            var next = position + StringInfo.GetNextTextElementLength(text, position);
            if (next > index)
            {
                return position;
            }

            position = next;
        }

        return position;
    }

    /// <summary>The first grapheme boundary at or after <paramref name="index"/>.</summary>
    public static int Ceiling(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        var floor = Floor(text, index);
        return floor >= index || floor >= text.Length ? floor : floor + StringInfo.GetNextTextElementLength(text, floor);
    }

    /// <summary>The first <paramref name="length"/> code units cut back to a word boundary, then an ellipsis when cut (so at most one more).</summary>
    public static string Cut(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        return length >= text.Length ? text : text[..WordCut(text, length)].TrimEnd() + Ellipsis;
    }
}
