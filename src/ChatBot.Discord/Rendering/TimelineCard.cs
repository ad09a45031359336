using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>Which entries of a timeline a card shows, and the question-store key its buttons carry.</summary>
internal sealed record TimelinePage(string Key, int Skip);

/// <summary>
/// Renders a <see cref="Timeline"/> as a card: "Timeline: topic" as title; <see cref="PageSize"/> entries per page,
/// each the normalised date and its precision, the sentence with the date in bold and the citation; the events
/// of a disagreement together under one lead line; a footer with counts; Previous / Next buttons. Every text is
/// escaped and fitted before markup is added, as in <see cref="AnswerCard"/>.
/// </summary>
internal static class TimelineCard
{
    public const int PageSize = 5;
    public const int Color = 0x4F7CAC;
    public const string TitlePrefix = "Timeline: ";

    private const int CitationMax = 200;
    private const string BlockSeparator = "\n\n";

    public static Reply Render(Timeline timeline, TimelinePage page)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(page);
        var title = QuestionTitle.Prefixed(TitlePrefix, timeline.Topic);
        var entries = timeline.Entries();
        var skip = Math.Clamp(page.Skip, 0, Math.Max(0, entries.Count - 1));
        var shown = entries.Skip(skip).Take(PageSize).ToList();
        var footer = Footer(timeline, entries.Count, skip, shown.Count);
        var room = Math.Min(MessageLimits.Description, MessageLimits.EmbedTotal - title.Length - footer.Length);
        var embed = new Embed
        {
            Title = title,
            Description = shown.Count == 0 ? Empty(timeline) : Description(shown, room),
            Color = shown.Count == 0 ? AnswerCard.NotCoveredColor : Color,
            Footer = new EmbedFooter(footer),
        };

        var buttons = new List<Button>(2);
        if (skip > 0)
        {
            buttons.Add(Button.Action("Previous", TimelineButtonId.For(page.Key, Math.Max(0, skip - PageSize))));
        }

        if (skip + shown.Count < entries.Count)
        {
            buttons.Add(Button.Action("Next", TimelineButtonId.For(page.Key, skip + shown.Count)));
        }

        return new Reply { Embeds = [embed], Components = buttons.Count > 0 ? [new ActionRow(buttons)] : [] };
    }

    /// <summary>Reads a topic back from a card's title (for buttons whose stored topic has expired).</summary>
    public static string? TopicFromTitle(string? title) => QuestionTitle.ReadPrefixed(TitlePrefix, title);

    private static string Empty(Timeline timeline) => timeline.Passages == 0
        ? "**No passage matches this topic.** Try other words, or see /sources for what the corpus holds."
        : "**No dated events.** The passages on this topic state no dates.";

    private static string Description(List<IReadOnlyList<TimelineEvent>> entries, int room)
    {
        var blocks = new List<string>(entries.Count);
        var remaining = room;
        for (var i = 0; i < entries.Count; i++)
        {
            var budget = (remaining / (entries.Count - i)) - (i > 0 ? BlockSeparator.Length : 0);
            var block = Entry(entries[i], budget);
            if (block.Length == 0)
            {
                break;
            }

            blocks.Add(block);
            remaining -= block.Length + (i > 0 ? BlockSeparator.Length : 0);
        }

        return string.Join(BlockSeparator, blocks);
    }

    private static string Entry(IReadOnlyList<TimelineEvent> entry, int budget)
    {
        if (entry.Count == 1)
        {
            return Event(entry[0], budget);
        }

        const string Lead = "**The sources disagree on the date:**";
        var parts = new List<string>(entry.Count) { Lead };
        var remaining = budget - Lead.Length;
        for (var i = 0; i < entry.Count; i++)
        {
            var part = Event(entry[i], (remaining / (entry.Count - i)) - 1);
            if (part.Length == 0)
            {
                break;
            }

            parts.Add(part);
            remaining -= part.Length + 1;
        }

        return parts.Count > 1 ? string.Join('\n', parts) : "";
    }

    /// <summary>"**1964-11-04** · day · *Title* · ¶ 1" then "> sentence" with the date in bold, within <paramref name="budget"/>.</summary>
    private static string Event(TimelineEvent item, int budget)
    {
        const string QuotePrefix = "\n> ";
        var head = $"**{DiscordMarkdown.Escape(item.Date.Normalized, startsLine: false)}** · {Precision(item.Date.Precision)} · ";
        var citation = CitationLine.Render(item.Citation, Math.Min(CitationMax, (budget / 3) - head.Length));
        var room = budget - head.Length - citation.Length - QuotePrefix.Length;
        if (room < 16 || citation.Length == 0)
        {
            return "";
        }

        var (text, range) = Window(DiscordMarkdown.OneLine(item.Sentence), item.DateRange, room);
        var body = TextBudget.Fit(text.Length, room, n => QuoteMarkup.Style(text, [range], null, n));
        return head + citation + QuotePrefix + body;
    }

    /// <summary>
    /// The sentence, or, when it is too long for <paramref name="room"/> and the date stands late in it, the part
    /// from a word some way before the date, marked with an ellipsis; the date's range moved with it.
    /// </summary>
    private static (string Text, TextRange Range) Window(string sentence, TextRange range, int room)
    {
        var start = Math.Clamp(range.Start, 0, sentence.Length);
        if (sentence.Length <= room || range.End <= room * 2 / 3)
        {
            return (sentence, range);
        }

        var from = TextCut.Floor(sentence, Math.Max(0, start - (room / 3)));
        while (from < start && !char.IsWhiteSpace(sentence[from]))
        {
            from++;
        }

        var text = TextCut.EllipsisChar + sentence[from..].TrimStart();
        var shift = text.Length - (sentence.Length - from);
        return (text, new TextRange(range.Start - from + shift, range.End - from + shift));
    }

    private static string Footer(Timeline timeline, int total, int skip, int shown)
    {
        var elapsed = $"{Math.Round(timeline.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms";
        if (total == 0)
        {
            return $"{Count(timeline.Passages, "matching passage")} · {elapsed}";
        }

        var range = shown == total ? total.ToString(CultureInfo.InvariantCulture)
            : $"{(skip + 1).ToString(CultureInfo.InvariantCulture)}–{(skip + shown).ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)}";
        return $"{range} {(total == 1 ? "event" : "events")} · {Count(timeline.Passages, "matching passage")} · {elapsed}";
    }

    private static string Precision(DatePrecision precision) => precision.ToString().ToLowerInvariant();

    private static string Count(int count, string noun)
        => $"{count.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}
