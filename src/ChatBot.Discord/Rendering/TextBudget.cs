namespace ChatBot.Discord.Rendering;

/// <summary>
/// Fits text into Discord's limits (§5). Lengths are UTF-16 code units, never fewer than the characters
/// Discord counts, and a cut never splits a surrogate pair. Cuts fall on a word boundary when one is near.
/// </summary>
internal static class TextBudget
{
    public const char EllipsisChar = '…';
    public const string Ellipsis = "…";

    /// <summary>A cut looks this far back for a space before it cuts inside a word.</summary>
    private const int WordSearch = 40;

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

    /// <summary>The length of the longest prefix, at most <paramref name="limit"/>, that ends at a word boundary.</summary>
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

        for (var i = limit; i > 0 && i >= limit - WordSearch; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    /// <summary>
    /// The longest rendering of a text that fits: <paramref name="render"/> draws the text cut to a given
    /// length (it must grow with the length), and the cut is searched so its output stays within
    /// <paramref name="max"/>. Escaping and markup make output longer than input, so this is how a quote
    /// with bold terms is cut before its markup is added, never through it.
    /// </summary>
    public static string Fit(int fullLength, int max, Func<int, string> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var whole = render(fullLength);
        if (whole.Length <= max)
        {
            return whole;
        }

        int low = 0, high = fullLength - 1;
        var best = render(0);
        if (best.Length > max)
        {
            return "";
        }

        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var candidate = render(mid);
            if (candidate.Length <= max)
            {
                best = candidate;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return best;
    }
}
