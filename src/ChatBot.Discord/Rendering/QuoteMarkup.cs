using System.Text;
using ChatBot.Core;
using ChatBot.Discord.Foundation;

namespace ChatBot.Discord.Rendering;

/// <summary>A verbatim quote with Discord markup: matched terms in bold, the likely answer underlined, cut before the markup goes in.</summary>
internal static class QuoteMarkup
{
    /// <summary>
    /// The first <paramref name="length"/> characters of a quote (cut back to a word boundary), escaped, with
    /// highlighted runs in bold and the answer span underlined. Markup is added around runs after cutting,
    /// so a cut can never leave an unclosed marker.
    /// </summary>
    public static string Style(string quote, IReadOnlyList<TextRange> highlights, AnswerSpan? answerSpan, int length)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        var cut = length >= quote.Length ? quote.Length : TextCut.WordCut(quote, length);
        var text = quote[..cut].TrimEnd();
        var truncated = cut < quote.Length;
        var style = new byte[text.Length];
        foreach (var range in highlights)
        {
            Mark(style, text, range.Start, range.End, 1);
        }

        if (answerSpan is not null)
        {
            Mark(style, text, answerSpan.Start, answerSpan.End, 2);
        }

        var output = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length;)
        {
            var j = i + 1;
            while (j < text.Length && style[j] == style[i])
            {
                j++;
            }

            AppendRun(output, text[i..j], style[i], startsLine: i == 0);
            i = j;
        }

        if (truncated)
        {
            output.Append(TextCut.EllipsisChar);
        }

        return output.ToString();
    }

    private static void Mark(byte[] style, string text, int start, int end, byte flag)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, 0, text.Length);

        // A range edge inside a grapheme (a surrogate pair, a letter and its accent) would split one character across two runs.
        start = TextCut.Floor(text, start);
        end = TextCut.Ceiling(text, end);

        for (var i = start; i < end; i++)
        {
            style[i] |= flag;
        }
    }

    private static void AppendRun(StringBuilder output, string run, byte style, bool startsLine)
    {
        var marker = style switch
        {
            1 => ("**", "**"),
            2 => ("__", "__"),
            3 => ("__**", "**__"),
            _ => ("", ""),
        };

        // Markers hug the words; spaces stay outside so "** word**" never happens.
        var core = run.Trim();
        if (marker.Item1.Length == 0 || core.Length == 0)
        {
            output.Append(DiscordMarkdown.Escape(run, startsLine));
            return;
        }

        var leading = run[..(run.Length - run.TrimStart().Length)];
        var trailing = run[(leading.Length + core.Length)..];
        output.Append(leading).Append(marker.Item1).Append(DiscordMarkdown.Escape(core, startsLine && leading.Length == 0)).Append(marker.Item2).Append(trailing);
    }
}
