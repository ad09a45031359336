using System.Globalization;
using System.Text;
using ChatBot.Core;

namespace ChatBot.Discord.Foundation;

/// <summary>
/// Text cleaned and fitted before it goes to Discord
/// (https://discord.com/developers/docs/resources/message#create-message-jsonform-params), for every layer; the cuts
/// themselves are <see cref="TextCut"/>'s. Lengths are UTF-16
/// code units, never fewer than the characters Discord counts. Every cut falls on a grapheme boundary
/// (<see cref="StringInfo"/>, Unicode's extended grapheme clusters): a letter keeps its accents, a flag its two
/// halves, an emoji its skin tone and ZWJ sequence, and no surrogate pair is split. Cuts that may shorten fall on a
/// word boundary when one is near. Text from Discord can hold lone surrogates (valid JSON, invalid UTF-16):
/// <see cref="Scrub"/> makes them U+FFFD, and <see cref="ForDisplay"/> also removes the invisible characters that
/// reorder or hide text in a title shown to other members.
/// </summary>
internal static class TextBudget
{
    public const char Replacement = '\uFFFD';

    private const int ZeroWidthJoiner = 0x200D;
    private const int VariationSelector16 = 0xFE0F;
    private const int WavingBlackFlag = 0x1F3F4;

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

    /// <summary>True when every surrogate in <paramref name="text"/> is half of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FirstLoneSurrogate(text) < 0;
    }

    /// <summary>The text with every lone surrogate replaced by U+FFFD; the same instance when there is none.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstLoneSurrogate(text);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            var (source, from) = state;
            source.AsSpan(0, from).CopyTo(span);
            for (var i = from; i < source.Length; i++)
            {
                var c = source[i];
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    span[i] = c;
                    span[i + 1] = source[i + 1];
                    i++;
                }
                else
                {
                    span[i] = char.IsSurrogate(c) ? Replacement : c;
                }
            }
        });
    }

    /// <summary>
    /// A title or name as other members may see it: scrubbed, and without the characters that reorder or hide
    /// text (bidirectional embeddings, overrides, isolates and marks; zero-width spaces, joiners and no-break
    /// marks; soft hyphens, invisible operators, Hangul fillers, tag characters). A joiner inside an emoji
    /// sequence (👩‍💻) and the tags of a subdivision flag stay, so emoji still show as one.
    /// </summary>
    public static string ForDisplay(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = Scrub(text);
        if (!clean.EnumerateRunes().Any(r => IsInvisible(r.Value)))
        {
            return clean;
        }

        var builder = new StringBuilder(clean.Length);
        var runes = clean.EnumerateRunes().ToList();
        Rune? kept = null;
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            var keep = !IsInvisible(rune.Value)
                       || (rune.Value == ZeroWidthJoiner && kept is { } before && IsEmojiPart(before) && i + 1 < runes.Count && IsPictographic(runes[i + 1]))
                       || (IsTag(rune.Value) && kept is { } previous && (previous.Value == WavingBlackFlag || IsTag(previous.Value)));
            if (keep)
            {
                builder.Append(rune.ToString());
                kept = rune;
            }
        }

        return builder.ToString();
    }

    private static int FirstLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static bool IsInvisible(int value) => value is
        0x00AD // soft hyphen
        or 0x061C // Arabic letter mark
        or 0x115F or 0x1160 or 0x3164 or 0xFFA0 // Hangul fillers, drawn as nothing
        or 0x180E // Mongolian vowel separator
        or (>= 0x200B and <= 0x200F) // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
        or (>= 0x202A and <= 0x202E) // bidirectional embeddings and overrides
        or (>= 0x2060 and <= 0x2064) // word joiner, invisible operators
        or (>= 0x2066 and <= 0x2069) // bidirectional isolates
        or 0xFEFF // zero-width no-break space
        || IsTag(value);

    private static bool IsTag(int value) => value is 0xE0001 or (>= 0xE0020 and <= 0xE007F);

    private static bool IsPictographic(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;

    /// <summary>What may come before the joiner of an emoji sequence: an emoji, its presentation selector or its skin tone.</summary>
    private static bool IsEmojiPart(Rune rune) => IsPictographic(rune) || rune.Value == VariationSelector16 || rune.Value is >= 0x1F3FB and <= 0x1F3FF;
}
