using System.Text;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Makes uploaded text safe to store and to show to others. Every source is hostile: anyone can create a server
/// and upload a file whose title or text carries invisible characters that reorder, hide or break what a reader
/// sees in Discord or at a terminal.
/// </summary>
public static class TextHygiene
{
    /// <summary>
    /// Passage text with lone surrogates replaced by U+FFFD and invisible controls dropped; otherwise verbatim.
    /// </summary>
    /// <remarks>
    /// Dropped, because a quote must read exactly as it is found and cited:
    /// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which are scoped and can
    /// reverse the rest of a Discord message, citation included, when left open; zero-width spaces, word joiners
    /// and stray byte-order marks (U+200B, U+2060, U+FEFF), which hide inside a word so that what looks like
    /// "Barrientos" is not found by a search for it. Replaced by a space, so that words they separated stay apart:
    /// C0/C1 control characters other than the white space the segmenter collapses, which are never prose and can
    /// drive a terminal (ESC sequences in <c>ask</c>'s output), and the line and paragraph separators (U+2028,
    /// U+2029), which could start a forged line under a quote.
    /// Kept, because they spell words: ZWNJ and ZWJ (U+200C, U+200D; Persian, Indic scripts, emoji) and the
    /// left-to-right and right-to-left marks (U+200E, U+200F), which place punctuation in Hebrew and Arabic text
    /// and, unlike embeddings, have no scope that could spill past the quote.
    /// </remarks>
    public static string ForPassage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    clean.Append(c).Append(text[++i]);
                }
                else
                {
                    clean.Append('\uFFFD');
                }
            }
            else if (IsInvisibleFormat(c))
            {
                continue;
            }
            else if (IsLineForging(c))
            {
                clean.Append(' ');
            }
            else
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>
    /// A title, author, url, date or license shown to others: one line, no invisible or direction-changing
    /// characters, lone surrogates replaced by U+FFFD; null when nothing visible is left.
    /// </summary>
    /// <remarks>
    /// Stricter than passage text: metadata is short, names a source in every citation and in /sources, and
    /// cannot be checked against the text it came from, so every zero-width and direction mark (U+200B–U+200F,
    /// U+2060, U+FEFF, U+202A–U+202E, U+2066–U+2069, U+061C) goes, and line breaks and other controls become
    /// single spaces so that a title cannot forge extra lines in a reply.
    /// </remarks>
    public static string? ForMetadata(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var clean = new StringBuilder(value.Length);
        var pendingSpace = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsInvisibleFormat(c) || IsDirectionMark(c) || c is '\u200C' or '\u200D')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = clean.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                clean.Append(' ');
                pendingSpace = false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                clean.Append(c).Append(value[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return clean.Length == 0 ? null : clean.ToString();
    }

    /// <summary>Scoped bidirectional controls and zero-width characters that hide inside words.</summary>
    private static bool IsInvisibleFormat(char c)
        => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200B' or '\u2060' or '\uFEFF';

    private static bool IsDirectionMark(char c) => c is '\u200E' or '\u200F' or '\u061C';

    /// <summary>
    /// Controls other than the white space the segmenter collapses, and the Unicode line and paragraph
    /// separators, which the segmenter does not collapse and a client may show as a new line.
    /// </summary>
    private static bool IsLineForging(char c)
        => (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f' or '\v')) || c is '\u2028' or '\u2029';

    private static bool IsClean(string text)
    {
        // Printable ASCII alone, as most text is, holds none of them (found vectorised, not a character at a time).
        if (text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || IsInvisibleFormat(c) || IsLineForging(c))
            {
                return false;
            }
        }

        return true;
    }
}
