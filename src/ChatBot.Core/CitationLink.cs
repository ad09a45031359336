using System.Globalization;
using System.Text;

namespace ChatBot.Core;

/// <summary>
/// The link a citation's reader clicks: for a PDF the source's address opened at the passage's page
/// (<c>#page=12</c>, which PDF viewers follow), for a web page the address with a text fragment built from the
/// quote's first and last words (<c>#:~:text=start,end</c>, per the W3C/WICG Text Fragments specification), so the
/// browser scrolls to the quoted words and marks them. Without an address, no link.
/// </summary>
public static class CitationLink
{
    /// <summary>The most characters a text directive may take; a longer one (very long words) uses fewer words, else none.</summary>
    public const int MaxDirectiveLength = 256;

    private static readonly int[] WordCounts = [4, 2, 1];

    /// <summary>The link for <paramref name="citation"/> quoting <paramref name="quote"/>; null when the source has no http(s) address.</summary>
    public static string? For(Citation citation, string? quote)
    {
        ArgumentNullException.ThrowIfNull(citation);
        if (citation.Url is null || !Uri.TryCreate(citation.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return citation.Url;
        }

        var address = uri.GetLeftPart(UriPartial.Query);
        if (citation.Page is { } page)
        {
            return address + "#page=" + page.ToString(CultureInfo.InvariantCulture);
        }

        return TextDirective(quote) is { } directive ? address + "#:~:" + directive : citation.Url;
    }

    /// <summary>
    /// <c>text=start,end</c> from the quote's first and last words (or <c>text=words</c> for a short quote), each
    /// part percent-encoded; null when the quote has no words.
    /// </summary>
    public static string? TextDirective(string? quote)
    {
        if (string.IsNullOrWhiteSpace(quote))
        {
            return null;
        }

        // A quote cut at a word boundary is marked with an ellipsis, which the page does not hold.
        var words = quote.Replace('\u2026', ' ').Split((char[])[' ', '\t', '\n', '\r', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        foreach (var count in WordCounts)
        {
            var directive = words.Length <= count * 2
                ? "text=" + Encode(string.Join(' ', words))
                : "text=" + Encode(string.Join(' ', words[..count])) + "," + Encode(string.Join(' ', words[^count..]));
            if (directive.Length <= MaxDirectiveLength)
            {
                return directive;
            }
        }

        return null;
    }

    /// <summary>
    /// Percent-encodes a directive's part: everything but unreserved characters, and '-' as well, since it marks a
    /// prefix or suffix in a directive (as ',' and '&amp;' delimit, which are not unreserved either).
    /// </summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(Uri.EscapeDataString(text));
        return escaped.Replace("-", "%2D").ToString();
    }
}
