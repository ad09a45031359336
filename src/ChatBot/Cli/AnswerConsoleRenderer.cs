using System.Text;
using ChatBot.Core;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>Prints an answer for a person at a terminal: ranked quotes with the matched words emphasised, and citations.</summary>
public static class AnswerConsoleRenderer
{
    private const string WhereToLook = "see the `sources` command";

    public static void Render(IAnsiConsole console, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(answer);
        console.MarkupLine($"[bold]{Markup.Escape(answer.Question.Trim())}[/]");
        console.WriteLine();
        var summary = AnswerSummary.Of(answer, WhereToLook);
        if (summary.Outcome == AnswerOutcome.NoMatch)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(summary.Headline!)}[/] {Markup.Escape(summary.Detail!)}");
            console.WriteLine();
            return;
        }

        if (answer.AlsoSearched.Count > 0)
        {
            console.MarkupLine($"[dim]Also searched: {Markup.Escape(string.Join(", ", answer.AlsoSearched))}[/]");
            console.WriteLine();
        }

        switch (summary.Outcome)
        {
            case AnswerOutcome.Agreed:
                console.MarkupLine($"[bold green]{Markup.Escape(summary.Headline!)}[/] · {Markup.Escape(summary.Detail!)}");
                console.WriteLine();
                break;
            case AnswerOutcome.Disagreed:
                console.MarkupLine($"[bold]{Markup.Escape(summary.Headline!)}[/]");
                foreach (var claim in answer.Claims)
                {
                    var cited = claim.Ranks.Select(rank => answer.Results.First(r => r.Rank == rank)).Select(r => Cite(r.Citation)).Distinct();
                    console.MarkupLine($"  [bold green]{Markup.Escape(claim.Text)}[/] — {Markup.Escape(string.Join("; ", cited))}");
                }

                console.WriteLine();
                break;
            case AnswerOutcome.NotCovered:
                console.MarkupLine($"[yellow]{Markup.Escape(summary.Headline!)}[/] {Markup.Escape(summary.Detail!)}");
                console.WriteLine();
                break;
        }

        foreach (var result in summary.Shown)
        {
            console.MarkupLine($"[bold]{result.Rank}.[/] {Emphasise(result.Quote, result.Highlights, result.Answer)}");
            console.MarkupLine($"   [dim]—[/] {Markup.Escape(Cite(result.Citation))}{Link(CitationLink.For(result.Citation, result.Quote))}");
            console.WriteLine();
        }

        console.MarkupLine("[dim]" + Markup.Escape(AnswerSummary.Footer(answer, skip: 0)) + "[/]");
        console.WriteLine();
    }

    /// <summary>"Title, Author, ¶ 3 (secondary · 1998)": what a reader needs to find the passage, and what kind of source it is.</summary>
    public static string Cite(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var parts = new List<string> { citation.Title };
        if (!string.IsNullOrWhiteSpace(citation.Author))
        {
            parts.Add(citation.Author);
        }

        parts.Add(citation.Locator);
        var label = SourceKinds.Label(citation);
        return string.Join(", ", parts) + (label.Length > 0 ? " (" + label + ")" : "");
    }

    /// <summary>The quote as Spectre markup: matched words in bold, the likely answer underlined in green.</summary>
    public static string Emphasise(string quote, IReadOnlyList<TextRange> highlights, AnswerSpan? answer = null)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        var spans = highlights.Where(r => r.Start >= 0 && r.End <= quote.Length && r.Start < r.End)
            .Select(r => (r.Start, r.End, Style: "bold yellow"))
            .ToList();
        if (answer is not null && answer.Start >= 0 && answer.End <= quote.Length && answer.Start < answer.End)
        {
            // The answer never contains a question word, so it does not overlap a highlight; drop any that would.
            spans.RemoveAll(s => s.Start < answer.End && answer.Start < s.End);
            spans.Add((answer.Start, answer.End, "bold green underline"));
        }

        var markup = new StringBuilder();
        var position = 0;
        foreach (var (start, end, style) in spans.OrderBy(s => s.Start))
        {
            if (start < position)
            {
                continue;
            }

            markup.Append(Markup.Escape(quote[position..start]));
            markup.Append('[').Append(style).Append(']').Append(Markup.Escape(quote[start..end])).Append("[/]");
            position = end;
        }

        markup.Append(Markup.Escape(quote[position..]));
        return markup.ToString();
    }

    private static string Link(string? url)
        => string.IsNullOrWhiteSpace(url) ? "" : $" [link]{Markup.Escape(url)}[/]";
}
