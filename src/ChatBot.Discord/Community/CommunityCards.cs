using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Community;

/// <summary>The moderators' cards: a page of the server's sources, one source, the audit log, the gaps. All private.</summary>
internal static class CommunityCards
{
    public const int PageSize = 10;
    private const int LineMax = 300;

    /// <summary>"Quotas: 3 of 200 sources · 120 of 50,000 passages · 1.2 MB of 50 MB · 1 of 20 uploads this hour".</summary>
    public static string Quotas(QuotaUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return string.Create(CultureInfo.InvariantCulture,
            $"Quotas: {usage.Sources:N0} of {usage.MaxSources:N0} sources · {usage.Passages:N0} of {usage.MaxPassages:N0} passages · " +
            $"{Megabytes(usage.TextBytes)} of {Megabytes(usage.MaxTextBytes)} of text · {usage.UploadsLastHour} of {usage.MaxUploadsPerHour} uploads this hour");
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");

    public static Reply SourcePage(Page<SourceSummary> page, QuotaUsage usage)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(usage);
        if (page.Total == 0)
        {
            return Reply.Note("This server has no sources of its own yet. Add one with `/source add` and a .md, .txt or .html file.");
        }

        var lines = page.Items.Select((s, i) => Fit($"{page.Skip + i + 1}. {Named(s.Title, s.Url)} · `{Code(s.SourceId)}` · {Count(s.PassageCount, "passage")}"));
        var last = Math.Min(page.Total, page.Skip + page.Items.Count);
        var embed = new Embed
        {
            Title = "This server's sources",
            Description = string.Join('\n', lines) + "\n\n" + Quotas(usage),
            Color = AnswerCard.ConfidentColor,
            Footer = new EmbedFooter($"{page.Skip + 1}–{last} of {page.Total} · the bundled corpus is always searched too"),
        };
        var buttons = new List<Button>();
        if (page.Skip > 0)
        {
            buttons.Add(Button.Action("Previous", SourceListButtons.IdFor(Math.Max(0, page.Skip - PageSize))));
        }

        if (last < page.Total)
        {
            buttons.Add(Button.Action("Next", SourceListButtons.IdFor(page.Skip + PageSize)));
        }

        return new Reply { Embeds = [embed], Components = buttons.Count > 0 ? [new ActionRow(buttons)] : [], Ephemeral = true };
    }

    public static Reply Source(SourceDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var source = details.Summary;
        var fields = new List<EmbedField>
        {
            new("Id", $"`{Code(source.SourceId)}`") { Inline = true },
            new("Passages", Number(source.PassageCount)) { Inline = true },
            new("From", source.GuildId is null ? "the bundled corpus" : "this server") { Inline = true },
        };
        AddIf(fields, "Author", source.Author);
        AddIf(fields, "Link", source.Url);
        AddIf(fields, "Kind", details.Kind is { } kind ? SourceKinds.Name(kind) : null);
        AddIf(fields, "Published", details.Published);
        AddIf(fields, "License", details.License);
        fields.Add(new EmbedField("Indexed", $"<t:{source.IndexedAt.ToUnixTimeSeconds()}:f>") { Inline = true });
        if (details.Web is { } web)
        {
            AddIf(fields, "Fetched from", web.FetchUrl);
            fields.Add(new EmbedField("Checked", $"<t:{web.CheckedAt.ToUnixTimeSeconds()}:R>") { Inline = true });
            if (web.GoneSince is { } gone)
            {
                fields.Add(new EmbedField("⚠ Gone", $"the page has not been there since <t:{gone.ToUnixTimeSeconds()}:f>; its last text is kept"));
            }
        }

        var first = details.FirstPassage is { } passage ? "> " + DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(passage), 1000)) : "(no passages)";
        var embed = new Embed
        {
            Title = TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(source.Title)), MessageLimits.Title),
            Description = "**First passage**\n" + first,
            Color = AnswerCard.ConfidentColor,
            Fields = fields,
        };
        return new Reply { Embeds = [embed], Ephemeral = true };
    }

    public static Reply History(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Reply.Note("Nothing has been added to or removed from this server's sources yet.");
        }

        var lines = entries.Select(e => Fit(
            $"<t:{e.At.ToUnixTimeSeconds()}:g> **{DiscordMarkdown.Escape(DiscordMarkdown.OneLine(TextBudget.ForDisplay(e.Actor.Name)), startsLine: false)}** {e.Action} " +
            $"{Named(e.Title, null)} (`{Code(e.SourceId)}`, {Count(e.PassageCount, "passage")})"));
        return new Reply
        {
            Embeds = [new Embed { Title = "Source history", Description = Join(lines), Color = AnswerCard.ConfidentColor }],
            Ephemeral = true,
        };
    }

    public static Reply Gaps(GapReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var days = Math.Max(1, (int)Math.Round(report.Window.TotalDays));
        var lines = report.Questions.Select((q, i) => Fit(
            $"{i + 1}. {DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(q.Question)), 200), startsLine: false)} · " +
            $"asked {Count(q.Count, "time")}, last <t:{q.LastAsked.ToUnixTimeSeconds()}:R>"));
        var description = report.Questions.Count == 0
            ? report.Asked == 0 ? "No questions were asked in this period." : "Every question in this period was answered confidently."
            : "Questions the corpus did not answer confidently, most asked first:\n" + Join(lines);
        var embed = new Embed
        {
            Title = $"Gaps in the last {Count(days, "day")}",
            Description = TextCut.Truncate(description, MessageLimits.Description),
            Color = AnswerCard.NotCoveredColor,
            Fields =
            [
                new EmbedField("Questions", $"{Number(report.Asked)} asked · {Number(report.NotAnswered)} not answered confidently"),
                new EmbedField("Feedback", $"👍 {Number(report.Helpful)} · 👎 {Number(report.NotHelpful)} · bad quotes reported {Number(report.BadQuotes)}"),
            ],
        };
        return new Reply { Embeds = [embed], Ephemeral = true };
    }

    private static void AddIf(List<EmbedField> fields, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            fields.Add(new EmbedField(name, DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(value)), 200))) { Inline = true });
        }
    }

    private static string Named(string title, string? url)
    {
        var text = TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(title)).Trim(), 120);
        return DiscordMarkdown.Link(text, url) ?? "*" + DiscordMarkdown.Escape(text, startsLine: false) + "*";
    }

    /// <summary>Ids go in code spans; a backtick would end one early.</summary>
    private static string Code(string text) => TextCut.Truncate(text.Replace('`', '\''), 60);

    private static string Fit(string line) => line.Length <= LineMax ? line : TextCut.Truncate(line, LineMax);

    private static string Join(IEnumerable<string> lines)
    {
        var kept = new List<string>();
        var used = 0;
        foreach (var line in lines)
        {
            if (used + line.Length + 1 > MessageLimits.Description - 80)
            {
                break;
            }

            kept.Add(line);
            used += line.Length + 1;
        }

        return string.Join('\n', kept);
    }

    private static string Count(int count, string noun) => $"{Number(count)} {noun}{(count == 1 ? "" : "s")}";

    private static string Number(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
