using System.Globalization;
using System.Text;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// Renders a <see cref="QuoteVerification"/> as a card: the quote as title; the verdict as lead line; for each
/// passage its citation, the original words as a block quote and, for a close quote, the differences word by word;
/// for a quote not found, only the closest passage, labelled as such. Every text is escaped and fitted before
/// markup is added, as in <see cref="AnswerCard"/>.
/// </summary>
internal static class QuoteCard
{
    public const int VerbatimColor = 0x3BA55D;
    public const int CloseColor = 0xE0A526;

    private const int MaxDifferencesShown = 8;
    private const int DifferenceWordsMax = 120;
    private const int CitationMax = 700; // room for a link with a text fragment
    private const string BlockSeparator = "\n\n";

    public static Reply Render(QuoteVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var title = QuestionTitle.Of(verification.Quote);
        var footer = $"{verification.Words.ToString(CultureInfo.InvariantCulture)} words compared · {Math.Round(verification.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms";
        var room = Math.Min(MessageLimits.Description, MessageLimits.EmbedTotal - title.Length - footer.Length);
        var embed = new Embed
        {
            Title = title,
            Description = Description(verification, room),
            Color = verification.Verdict switch
            {
                QuoteVerdict.Verbatim => VerbatimColor,
                QuoteVerdict.Close => CloseColor,
                _ => AnswerCard.NotCoveredColor,
            },
            Footer = new EmbedFooter(footer),
        };
        return new Reply { Embeds = [embed] };
    }

    private static string Description(QuoteVerification verification, int room)
    {
        var lead = verification.Verdict switch
        {
            QuoteVerdict.Verbatim => verification.Matches.Count == 1
                ? "**Verbatim.** These words stand in the corpus as quoted:"
                : $"**Verbatim.** These words stand in {verification.Matches.Count.ToString(CultureInfo.InvariantCulture)} passages as quoted:",
            QuoteVerdict.Close => "**Close, not verbatim.** The original differs word by word as shown:",
            _ => verification.Matches.Count > 0
                ? "**Not found.** The corpus does not hold these words.\nThe closest passage is below; it is not the quote."
                : "**Not found.** The corpus does not hold these words, nor anything close. See /sources for what it holds.",
        };

        var remaining = room - lead.Length - BlockSeparator.Length;
        var blocks = new List<string>(verification.Matches.Count);
        var matches = verification.Matches;
        for (var i = 0; i < matches.Count; i++)
        {
            var budget = (remaining / (matches.Count - i)) - BlockSeparator.Length;
            var block = Block(matches[i], verification.Verdict, budget);
            if (block.Length == 0)
            {
                break;
            }

            blocks.Add(block);
            remaining -= block.Length + BlockSeparator.Length;
        }

        return blocks.Count == 0 ? lead : lead + BlockSeparator + string.Join(BlockSeparator, blocks);
    }

    /// <summary>"*Title* — Author · ¶ 3", the differences (close only), then "> original", within <paramref name="budget"/>.</summary>
    private static string Block(QuoteMatch match, QuoteVerdict verdict, int budget)
    {
        const string QuotePrefix = "\n> ";
        var head = verdict == QuoteVerdict.NotFound ? "**Closest passage:** " : "";
        var citation = CitationLine.Render(match.Citation, Math.Min(CitationMax, (budget / 3) - head.Length), match.Original);
        var differences = verdict == QuoteVerdict.Close ? Differences(match.Differences, budget / 3) : "";
        var room = budget - head.Length - citation.Length - differences.Length - QuotePrefix.Length;
        if (room < 8)
        {
            return "";
        }

        var original = DiscordMarkdown.OneLine(match.Original);
        var body = TextBudget.Fit(original.Length, room, n => DiscordMarkdown.Escape(TextCut.Cut(original, n)));
        return head + citation + QuotePrefix + body + differences;
    }

    /// <summary>One line per difference, at most <see cref="MaxDifferencesShown"/> and <paramref name="max"/> characters, then how many more.</summary>
    private static string Differences(IReadOnlyList<QuoteDifference> differences, int max)
    {
        var lines = new StringBuilder();
        var shown = 0;
        foreach (var difference in differences.Take(MaxDifferencesShown))
        {
            var line = "\n• " + Describe(difference);
            if (lines.Length + line.Length > max - 40)
            {
                break;
            }

            lines.Append(line);
            shown++;
        }

        if (shown < differences.Count)
        {
            var more = differences.Count - shown;
            lines.Append("\n• and ").Append(more.ToString(CultureInfo.InvariantCulture)).Append(more == 1 ? " more difference" : " more differences");
        }

        return lines.ToString();
    }

    private static string Describe(QuoteDifference difference) => difference.Kind switch
    {
        DifferenceKind.Changed => $"changed: “{Words(difference.Text)}” where the original has “{Words(difference.Original ?? "")}”",
        DifferenceKind.Added => $"added: “{Words(difference.Text)}” is not in the original",
        _ => $"left out: “{Words(difference.Text)}” of the original, with no ellipsis",
    };

    private static string Words(string text)
        => DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(text), DifferenceWordsMax), startsLine: false);

}
