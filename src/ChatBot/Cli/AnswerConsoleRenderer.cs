using System.Globalization;
using System.Text;
using ChatBot.Core;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>Prints an answer for a person at a terminal: ranked quotes with the matched words emphasised, and citations.</summary>
public static class AnswerConsoleRenderer
{
    public static void Render(IAnsiConsole console, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(answer);
        console.MarkupLine($"[bold]{Markup.Escape(answer.Question.Trim())}[/]");
        console.WriteLine();
        if (answer.Results.Count == 0)
        {
            console.MarkupLine("[yellow]The corpus does not cover this question: no passage matches it.[/]");
            console.WriteLine();
            return;
        }

        var results = answer.Results;
        if (!answer.Confident)
        {
            console.MarkupLine("[yellow]The corpus does not seem to cover this question.[/] The closest passage, which may not answer it:");
            console.WriteLine();
            results = [results[0]];
        }

        foreach (var result in results)
        {
            console.MarkupLine($"[bold]{result.Rank}.[/] {Emphasise(result.Quote, result.Highlights)}");
            console.MarkupLine($"   [dim]—[/] {Markup.Escape(Cite(result.Citation))}{Link(result.Citation.Url)}");
            console.WriteLine();
        }

        var shown = answer.Confident ? answer.Results.Count : 1;
        var sources = results.Select(r => r.Citation.SourceId).Distinct(StringComparer.Ordinal).Count();
        var footer = string.Create(CultureInfo.InvariantCulture,
            $"{shown} of {answer.MatchingPassages} matching passages · {sources} {(sources == 1 ? "source" : "sources")} · {answer.Elapsed.TotalMilliseconds:F0} ms");
        console.MarkupLine("[dim]" + Markup.Escape(footer) + "[/]");
        console.WriteLine();
    }

    /// <summary>"Title, Author, ¶ 3": what a reader needs to find the passage.</summary>
    public static string Cite(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var parts = new List<string> { citation.Title };
        if (!string.IsNullOrWhiteSpace(citation.Author))
        {
            parts.Add(citation.Author);
        }

        parts.Add(citation.Locator);
        return string.Join(", ", parts);
    }

    /// <summary>The quote as Spectre markup with the highlighted ranges in bold.</summary>
    public static string Emphasise(string quote, IReadOnlyList<TextRange> highlights)
    {
        var markup = new StringBuilder();
        var position = 0;
        foreach (var range in highlights.Where(r => r.Start >= 0 && r.End <= quote.Length && r.Start < r.End).OrderBy(r => r.Start))
        {
            if (range.Start < position)
            {
                continue;
            }

            markup.Append(Markup.Escape(quote[position..range.Start]));
            markup.Append("[bold yellow]").Append(Markup.Escape(quote[range.Start..range.End])).Append("[/]");
            position = range.End;
        }

        markup.Append(Markup.Escape(quote[position..]));
        return markup.ToString();
    }

    private static string Link(string? url)
        => string.IsNullOrWhiteSpace(url) ? "" : $" [link]{Markup.Escape(url)}[/]";
}
