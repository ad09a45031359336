using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>The Sources button's card: every source a page of an answer quotes, once, with the locators quoted from it.</summary>
internal static class AnswerSourcesCard
{
    private const string BlockSeparator = "\n\n";

    /// <summary>The sources a page of an answer quotes, each once, with every locator quoted from it.</summary>
    public static Reply Render(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var title = QuestionTitle.SourcesOf(answer.Question);
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
            var head = $"**{i + 1}.** " + CitationLine.Render(citation with { Locator = "" }, Math.Max(0, budget - 10));
            var quoted = locators.Count == 0 ? "" : "\nquoted: " + DiscordMarkdown.Escape(TextCut.Truncate(string.Join(", ", locators), 200), startsLine: false);
            var line = TextCut.Truncate(head + (head.Length + quoted.Length <= budget ? quoted : ""), Math.Max(1, budget));
            lines.Add(line);
            remaining -= line.Length + BlockSeparator.Length;
        }

        var embed = new Embed
        {
            Title = title,
            Description = string.Join(BlockSeparator, lines),
            Color = AnswerCard.ConfidentColor,
            Footer = new EmbedFooter(AnswerSummary.Count(sources.Count, "source")),
        };
        return new Reply { Embeds = [embed], Ephemeral = true };
    }
}
