using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Drops a PDF's running headers, footers and page numbers by general rules: a line in the top or bottom band of
/// its page (the outer eighth) whose text, with its numbers ignored, stands in that band on at least half of the
/// pages (and on two or more), and a line there that is only a page number ("12", "- 12 -", "Page 12 of 40", "xii").
/// </summary>
public static partial class PdfRunningLines
{
    private const double Band = 0.125;

    public static List<IReadOnlyList<PdfLine>> Drop(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var pagesWithKey = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var line in pages.SelectMany(p => p).Where(InBand))
        {
            var key = Key(line.Text);
            if (!pagesWithKey.TryGetValue(key, out var seen))
            {
                pagesWithKey[key] = seen = [];
            }

            seen.Add(line.Page);
        }

        var textPages = pages.Count(p => p.Count > 0);
        var needed = Math.Max(2, (textPages + 1) / 2);
        return [.. pages.Select(lines => (IReadOnlyList<PdfLine>)lines
            .Where(line => !InBand(line) || (!IsPageNumber(line.Text) && pagesWithKey[Key(line.Text)].Count < needed))
            .ToList())];
    }

    public static bool IsPageNumber(string text) => PageNumber().IsMatch(text.Trim());

    private static bool InBand(PdfLine line)
        => line.PageHeight > 0 && (line.Top >= line.PageHeight * (1 - Band) || line.Bottom <= line.PageHeight * Band);

    /// <summary>The line folded, with every run of digits as one '#': "Page 3" and "Page 14" are the same running line.</summary>
    private static string Key(string text)
    {
        var folded = TextAnalysis.Fold(text);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiDigit(c))
            {
                if (key.Length == 0 || key[^1] != '#')
                {
                    key.Append('#');
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    [GeneratedRegex(@"^[\-–—\s\[\(]*((page|p\.)\s*)?(\d{1,5}|[ivxlcdm]{1,8})(\s*(of|/)\s*\d{1,5})?[\-–—\s\]\)]*$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex PageNumber();
}
