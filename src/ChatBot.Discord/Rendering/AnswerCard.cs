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
        var title = QuestionTitle.Of(answer.Question);
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
        var citation = CitationLine.Render(quote.Citation, Math.Min(CitationMax, (budget / 2) - head.Length), quote.Quote);
        var room = budget - head.Length - citation.Length - QuotePrefix.Length;
        if (room < 8)
        {
            return "";
        }

        var text = DiscordMarkdown.OneLine(quote.Quote);
        var body = TextBudget.Fit(text.Length, room, n => QuoteMarkup.Style(text, quote.Highlights, quote.Answer, n));
        return head + citation + QuotePrefix + body;
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
                .Select(rank => $"**{rank.ToString(CultureInfo.InvariantCulture)}.** " + CitationLine.Render(byRank[rank].Citation with { Url = null }, 120));
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
