using System.Text;
using ChatBot.Core;
using ChatBot.Discord.Foundation;

namespace ChatBot.Discord.Rendering;

/// <summary>A source's citation as one line of a card: the answer's quotes, its sources, a claim, a verdict, a timeline.</summary>
internal static class CitationLine
{
    private const int TitlePartMax = 120;
    private const int AuthorMax = 60;
    private const int LocatorMax = 40;

    /// <summary>
    /// "*Title* — Author · ¶ 3 · secondary · 1998 · [source](url)", escaped, within <paramref name="max"/> characters
    /// (the link dropped first). With the <paramref name="quote"/>, the link opens at it (<see cref="CitationLink"/>).
    /// </summary>
    public static string Render(Citation citation, int max, string? quote = null)
    {
        if (max <= 0)
        {
            return "";
        }

        var title = DiscordMarkdown.OneLine(TextBudget.ForDisplay(citation.Title)).Trim();
        var author = citation.Author is { Length: > 0 } a ? TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(a)).Trim(), AuthorMax) : null;
        var locator = citation.Locator is { Length: > 0 } l ? TextCut.Truncate(DiscordMarkdown.OneLine(l).Trim(), LocatorMax) : null;
        var link = DiscordMarkdown.Link("source", CitationLink.For(citation, quote));
        var label = TextCut.Truncate(DiscordMarkdown.OneLine(SourceKinds.Label(citation)), LocatorMax);
        string Compose(int n, bool withLink)
        {
            var line = new StringBuilder();
            line.Append('*').Append(DiscordMarkdown.Escape(TextCut.Cut(title.Length == 0 ? "Untitled" : title, Math.Min(n, TitlePartMax)), startsLine: false)).Append('*');
            if (author is not null)
            {
                line.Append(" — ").Append(DiscordMarkdown.Escape(author, startsLine: false));
            }

            if (locator is not null)
            {
                line.Append(" · ").Append(DiscordMarkdown.Escape(locator, startsLine: false));
            }

            if (label.Length > 0)
            {
                line.Append(" · ").Append(DiscordMarkdown.Escape(label, startsLine: false));
            }

            if (withLink && link is not null)
            {
                line.Append(" · ").Append(link);
            }

            return line.ToString();
        }

        var full = Compose(title.Length, withLink: true);
        if (full.Length <= max)
        {
            return full;
        }

        var withLink = link is not null && Compose(0, withLink: true).Length <= max;
        var fitted = TextBudget.Fit(title.Length, max, n => Compose(n, withLink));
        return fitted.Length > 0 ? fitted : TextCut.Truncate("*" + DiscordMarkdown.Escape(TextCut.Cut(title, 10), startsLine: false) + "*", max);
    }
}
