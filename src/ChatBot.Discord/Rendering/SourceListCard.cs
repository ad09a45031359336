using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>The corpus as a list: one line per source, as many as fit, then how many more there are.</summary>
internal static class SourceListCard
{
    private const int LineMax = 300;

    public static Reply Render(IReadOnlyList<SourceSummary> sources, CorpusStats stats, bool inGuild)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(stats);
        var footer = $"{Count(stats.SourceCount, "source")} · {Count(stats.PassageCount, "passage")}";
        if (sources.Count == 0)
        {
            return new Reply
            {
                Embeds = [new Embed { Title = "Sources", Description = "The corpus is empty.", Footer = new EmbedFooter(footer) }],
                Ephemeral = true,
            };
        }

        var ordered = sources.OrderBy(s => s.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
        var lines = new List<string>();
        var used = 0;
        foreach (var source in ordered)
        {
            var line = Line(source);
            var more = ordered.Count - lines.Count - 1;
            var reserve = more > 0 ? 40 : 0;
            if (used + line.Length + 1 + reserve > MessageLimits.Description)
            {
                break;
            }

            lines.Add(line);
            used += line.Length + 1;
        }

        if (lines.Count < ordered.Count)
        {
            lines.Add($"…and {(ordered.Count - lines.Count).ToString("N0", CultureInfo.InvariantCulture)} more");
        }

        var embed = new Embed
        {
            Title = inGuild ? "Sources this server's questions search" : "Sources",
            Description = string.Join('\n', lines),
            Color = AnswerCard.ConfidentColor,
            Footer = new EmbedFooter(footer),
        };
        return new Reply { Embeds = [embed], Ephemeral = true };
    }

    private static string Line(SourceSummary source)
    {
        var title = TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(source.Title)).Trim(), 120);
        var named = DiscordMarkdown.Link(title, source.Url) ?? "*" + DiscordMarkdown.Escape(title, startsLine: false) + "*";
        var author = source.Author is { Length: > 0 } a ? " — " + DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(a)).Trim(), 60), startsLine: false) : "";
        var where = source.GuildId is null ? "" : " · added here";
        var line = $"• {named}{author} · {Count(source.PassageCount, "passage")}{where}";
        return line.Length <= LineMax ? line : $"• *{DiscordMarkdown.Escape(TextCut.Truncate(title, 80), startsLine: false)}* · {Count(source.PassageCount, "passage")}{where}";
    }

    private static string Count(int count, string noun)
        => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}
