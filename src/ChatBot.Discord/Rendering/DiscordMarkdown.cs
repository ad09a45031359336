using System.Buffers;
using System.Text;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// Makes source and user text inert in Discord markdown, so a quote containing <c>**</c>, <c>||</c>,
/// <c>[x](y)</c>, <c>&lt;@123&gt;</c> or a leading <c>#</c> shows those characters instead of formatting.
/// A backslash before ASCII punctuation is an escape in Discord's markdown and is not shown.
/// </summary>
internal static class DiscordMarkdown
{
    /// <summary>Characters that format anywhere in a line.</summary>
    private static readonly SearchValues<char> Inline = SearchValues.Create("\\*_~`|<[]");

    /// <summary>Characters that format only at the start of a line (quote, heading, subtext, list).</summary>
    private static readonly SearchValues<char> LineStart = SearchValues.Create(">#-+");

    /// <summary>Escapes <paramref name="text"/>; <paramref name="startsLine"/> says whether it begins a line of the output.</summary>
    public static string Escape(string text, bool startsLine = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        var atLineStart = startsLine;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Inline.Contains(c) || (atLineStart && LineStart.Contains(c)) || (startsLine && IsOrderedListDot(text, i)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
            if (c == '\n')
            {
                atLineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                atLineStart = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/> (and any other backslash escape of punctuation).</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && IsAsciiPunctuation(text[i + 1]))
            {
                i++;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    /// <summary>Replaces line breaks and tabs one for one with spaces, so offsets into the text stay valid.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '\n' or '\r' or '\t' or '\u2028' or '\u2029' ? ' ' : source[i];
            }
        });
    }

    /// <summary>A masked link, or null when the URL is not plain http(s) or too long to be a link.</summary>
    // RFC 3986 fragment characters, '(' and ')' aside (they are escaped below, as a markdown link needs).
    private static readonly System.Buffers.SearchValues<char> FragmentCharacters = System.Buffers.SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%!$&'()*+,;=:@/?");

    /// <summary>The longest link shown: a source's address (at most 512) with a text fragment or a page.</summary>
    public const int MaxLinkLength = 1024;

    public static string? Link(string label, string? url)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (url is null || url.Length > MaxLinkLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        // The fragment as given when it is plain URI characters: Uri unescapes %2D, which a text fragment needs escaped.
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 && url.AsSpan(hash + 1).IndexOfAnyExcept(FragmentCharacters) < 0 ? url[hash..] : uri.Fragment;
        var address = uri.GetLeftPart(UriPartial.Query) + fragment;
        var safe = address.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);
        return $"[{Escape(label)}]({safe})";
    }

    private static bool IsAsciiPunctuation(char c) => c is >= '!' and <= '~' && !char.IsAsciiLetterOrDigit(c);

    /// <summary>"1. " at the start of a line is an ordered list; the dot after the digits is escaped.</summary>
    private static bool IsOrderedListDot(string text, int index)
    {
        if (text[index] != '.' || index == 0 || !char.IsAsciiDigit(text[index - 1]))
        {
            return false;
        }

        var start = index - 1;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        while (start > 0 && text[start - 1] is ' ' or '\t')
        {
            start--;
        }

        return start == 0 || text[start - 1] == '\n';
    }
}
