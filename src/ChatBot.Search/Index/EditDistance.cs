namespace ChatBot.Search.Index;

/// <summary>
/// Edits between two words, a transposition of neighbours counting one (the optimal string alignment distance:
/// what Lucene's Levenshtein automata with transpositions accept), computed only as far as a limit.
/// </summary>
internal static class EditDistance
{
    /// <summary>The distance when it is at most <paramref name="limit"/>, else a number above it.</summary>
    public static int Within(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows of the table: two back (for transpositions), the last and the current one.
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 512 ? stackalloc int[width * 3] : new int[width * 3];
        var older = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, older[j - 2] + 1);
                }

                current[j] = value;
                best = Math.Min(best, value);
            }

            if (best > limit)
            {
                return limit + 1;
            }

            var spare = older;
            older = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }
}
