using System.Globalization;
using System.Text;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// Renders an <see cref="Answer"/> as a quote card: an embed titled with the question; a lead line when the
/// sources agree, disagree, or the corpus does not cover the question; each quote a numbered block with its
/// citation, matched terms in bold and the answer span underlined; a footer with counts and timing; and the
/// More / Sources buttons. Every text is escaped and fitted before markup is added, so Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits) hold by construction.
/// </summary>
internal static class AnswerCard
{
    public const int ConfidentColor = 0x8C6D46;
    public const int NotCoveredColor = 0x95A5A6;

    private const int MaxClaimsShown = 3;
    private const int ClaimNameMax = 100;
    private const int ClaimValueMax = 300;
    private const int LeadMax = 600;
    private const int AlsoSearchedMax = 300;
    private const int CitationMax = 700; // room for a link with a text fragment
    private const int TitlePartMax = 120;
    private const int AuthorMax = 60;
    private const int LocatorMax = 40;
    private const string BlockSeparator = "\n\n";
    private const string WhereToLook = "see /sources";

    public static Reply Render(Answer answer, AnswerPage page) => Render(answer, Summarize(answer), page);

    /// <summary>The summary a card draws: computed once per answer, by the caller that also counts its outcome.</summary>
    public static AnswerSummary Summarize(Answer answer) => AnswerSummary.Of(answer, WhereToLook);

    public static Reply Render(Answer answer, AnswerSummary summary, AnswerPage page)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(page);
        var title = Title(answer.Question);
        var footer = AnswerSummary.Footer(answer, page.Skip, page.Kind);
        var fields = summary.Outcome == AnswerOutcome.Disagreed ? ClaimFields(answer) : [];
        var room = Math.Min(MessageLimits.Description, MessageLimits.EmbedTotal - title.Length - footer.Length - fields.Sum(f => f.Name.Length + f.Value.Length));
        var embed = new Embed
        {
            Title = title,
            Description = Description(answer, summary, room),
            Color = summary.Covered ? ConfidentColor : NotCoveredColor,
            Fields = fields.Count > 0 ? fields : null,
            Footer = new EmbedFooter(footer),
        };

        return new Reply { Embeds = [embed], Components = Buttons(answer, page) };
    }

    /// <summary>The sources a page of an answer quotes, each once, with every locator quoted from it.</summary>
    public static Reply RenderSources(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var question = DiscordMarkdown.OneLine(TextBudget.ForDisplay(answer.Question)).Trim();
        var title = TextBudget.Fit(question.Length, MessageLimits.Title, n => "Sources for: " + DiscordMarkdown.Escape(TextCut.Cut(question, n)));
        var sources = answer.Results
            .GroupBy(r => r.Citation.SourceId, StringComparer.Ordinal)
            .Select(g => (Citation: g.First().Citation, Locators: g.Select(r => r.Citation.Locator).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
        if (sources.Count == 0)
        {
            return Reply.Note("This answer quotes no sources.");
        }

        var lines = new List<string>(sources.Count);
        var remaining = MessageLimits.Description;
        for (var i = 0; i < sources.Count; i++)
        {
            var budget = (remaining / (sources.Count - i)) - BlockSeparator.Length;
            var (citation, locators) = sources[i];
            var head = $"**{i + 1}.** " + CitationLine(citation with { Locator = "" }, Math.Max(0, budget - 10));
            var quoted = locators.Count == 0 ? "" : "\nquoted: " + DiscordMarkdown.Escape(TextCut.Truncate(string.Join(", ", locators), 200), startsLine: false);
            var line = TextCut.Truncate(head + (head.Length + quoted.Length <= budget ? quoted : ""), Math.Max(1, budget));
            lines.Add(line);
            remaining -= line.Length + BlockSeparator.Length;
        }

        var embed = new Embed
        {
            Title = title,
            Description = string.Join(BlockSeparator, lines),
            Color = ConfidentColor,
            Footer = new EmbedFooter(AnswerSummary.Count(sources.Count, "source")),
        };
        return new Reply { Embeds = [embed], Ephemeral = true };
    }

    /// <summary>The question as a title: one line, without invisible or reordering characters, escaped, at most 256 characters.</summary>
    public static string Title(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var plain = DiscordMarkdown.OneLine(TextBudget.ForDisplay(question)).Trim();
        if (plain.Length == 0)
        {
            return "Your question";
        }

        return TextBudget.Fit(plain.Length, MessageLimits.Title, n => DiscordMarkdown.Escape(TextCut.Cut(plain, n)));
    }

    /// <summary>Reads a question back from a card's title (for buttons whose stored question has expired).</summary>
    public static string? QuestionFromTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = DiscordMarkdown.Unescape(title).Trim();
        if (text.StartsWith("Sources for: ", StringComparison.Ordinal))
        {
            text = text["Sources for: ".Length..];
        }

        return text.EndsWith(TextCut.Ellipsis, StringComparison.Ordinal) ? text[..^TextCut.Ellipsis.Length].TrimEnd() : text;
    }

    private static string Description(Answer answer, AnswerSummary summary, int room)
    {
        var head = new StringBuilder();
        var shown = summary.Shown;
        switch (summary.Outcome)
        {
            case AnswerOutcome.NoMatch or AnswerOutcome.NotCovered:
                head.Append("**").Append(summary.Headline).Append("**\n").Append(summary.Detail);
                break;
            case AnswerOutcome.Agreed:
                head.Append("**").Append(DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(summary.Headline!), 200), startsLine: false)).Append("**")
                    .Append(" · ").Append(summary.Detail);
                break;
            case AnswerOutcome.Disagreed:
                head.Append("**").Append(summary.Headline).Append("** ").Append(summary.Detail);
                break;
        }

        if (answer.AlsoSearched.Count > 0)
        {
            var words = TextCut.Truncate(string.Join(", ", answer.AlsoSearched.Select(DiscordMarkdown.OneLine)), AlsoSearchedMax);
            head.Append(head.Length > 0 ? "\n" : "").Append("*also searched: ").Append(DiscordMarkdown.Escape(words, startsLine: false)).Append('*');
        }

        var lead = TextCut.Truncate(head.ToString(), LeadMax);
        var remaining = room - lead.Length - (lead.Length > 0 ? BlockSeparator.Length : 0);
        var blocks = new List<string>(shown.Count);
        for (var i = 0; i < shown.Count; i++)
        {
            var budget = (remaining / (shown.Count - i)) - (i > 0 ? BlockSeparator.Length : 0);
            var block = Block(shown[i], summary.Covered ? $"**{shown[i].Rank.ToString(CultureInfo.InvariantCulture)}.**" : "**Closest passage:**", budget);
            if (block.Length == 0)
            {
                break;
            }

            blocks.Add(block);
            remaining -= block.Length + (i > 0 ? BlockSeparator.Length : 0);
        }

        var body = string.Join(BlockSeparator, blocks);
        return lead.Length == 0 ? body : body.Length == 0 ? lead : lead + BlockSeparator + body;
    }

    /// <summary>"**1.** *Title* — Author · ¶ 3 · [source](url)" then "> quote" within <paramref name="budget"/> characters.</summary>
    private static string Block(RankedQuote quote, string number, int budget)
    {
        const string QuotePrefix = "\n> ";
        var head = number + " ";
        var citation = CitationLine(quote.Citation, Math.Min(CitationMax, (budget / 2) - head.Length), quote.Quote);
        var room = budget - head.Length - citation.Length - QuotePrefix.Length;
        if (room < 8)
        {
            return "";
        }

        var text = DiscordMarkdown.OneLine(quote.Quote);
        var body = TextBudget.Fit(text.Length, room, n => StyledQuote(text, quote.Highlights, quote.Answer, n));
        return head + citation + QuotePrefix + body;
    }

    /// <summary>
    /// "*Title* — Author · ¶ 3 · secondary · 1998 · [source](url)", escaped, within <paramref name="max"/> characters
    /// (the link dropped first). With the <paramref name="quote"/>, the link opens at it (<see cref="CitationLink"/>).
    /// </summary>
    public static string CitationLine(Citation citation, int max, string? quote = null)
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

    /// <summary>
    /// The first <paramref name="length"/> characters of a quote (cut back to a word boundary), escaped, with
    /// highlighted runs in bold and the answer span underlined. Markup is added around runs after cutting,
    /// so a cut can never leave an unclosed marker.
    /// </summary>
    public static string StyledQuote(string quote, IReadOnlyList<TextRange> highlights, AnswerSpan? answerSpan, int length)
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

    private static List<EmbedField> ClaimFields(Answer answer)
    {
        var byRank = answer.Results.ToDictionary(r => r.Rank);
        var fields = new List<EmbedField>();
        foreach (var claim in answer.Claims.Take(MaxClaimsShown))
        {
            var name = DiscordMarkdown.Escape(TextCut.Truncate(DiscordMarkdown.OneLine(claim.Text).Trim(), ClaimNameMax));
            var lines = claim.Ranks
                .Where(byRank.ContainsKey)
                .Take(5)
                .Select(rank => $"**{rank.ToString(CultureInfo.InvariantCulture)}.** " + CitationLine(byRank[rank].Citation with { Url = null }, 120));
            var value = TextCut.Truncate(string.Join("\n", lines) + "\n" + AnswerSummary.Count(claim.SourceCount, "source"), ClaimValueMax);
            fields.Add(new EmbedField(name.Length == 0 ? "\u200b" : name, value.Trim().Length == 0 ? "\u200b" : value) { Inline = true });
        }

        return fields;
    }

    private static List<ActionRow> Buttons(Answer answer, AnswerPage page)
    {
        if (page.Key is null || answer.Results.Count == 0)
        {
            return [];
        }

        var buttons = new List<Button>(5);
        if (answer.Confident && page.Skip + answer.Results.Count < answer.MatchingPassages)
        {
            buttons.Add(Button.Action("More", AskButtonId.More(page.Key, page.Skip + answer.Results.Count, page.Kind)));
        }

        buttons.Add(Button.Action("Sources", AskButtonId.Sources(page.Key, page.Skip, page.Kind)));
        if (page.AskId is { } askId)
        {
            buttons.AddRange(FeedbackButtonId.For(askId));
        }

        return [new ActionRow(buttons)];
    }
}
