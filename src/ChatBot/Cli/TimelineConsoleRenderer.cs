using System.Globalization;
using ChatBot.Core;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>
/// Prints a timeline for a person at a terminal: each event's date as the source writes it, with the normalised
/// date and its precision beside it (the normalised date only when it reads differently), its sentence with the
/// date in bold, and the citation.
/// </summary>
public static class TimelineConsoleRenderer
{
    public static void Render(IAnsiConsole console, Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(timeline);
        console.MarkupLine($"[bold]Timeline: {Markup.Escape(timeline.Topic)}[/]");
        console.WriteLine();
        if (timeline.Events.Count == 0)
        {
            console.MarkupLine(timeline.Passages == 0
                ? "[yellow]No passage of the corpus matches this topic.[/]"
                : "[yellow]The passages matching this topic date no events.[/]");
            console.WriteLine();
            return;
        }

        foreach (var entry in timeline.Entries())
        {
            if (entry.Count > 1)
            {
                console.MarkupLine("[bold yellow]The sources disagree on the date:[/]");
            }

            foreach (var item in entry)
            {
                var indent = entry.Count > 1 ? "  " : "";
                console.MarkupLine($"{indent}{Heading(item.Date)}");
                console.MarkupLine($"{indent}   {AnswerConsoleRenderer.Emphasise(item.Sentence, [item.DateRange])}");
                console.MarkupLine($"{indent}   [dim]—[/] {Markup.Escape(AnswerConsoleRenderer.Cite(item.Citation))}");
            }

            console.WriteLine();
        }

        var events = timeline.Events.Count;
        console.MarkupLine("[dim]" + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{events} {(events == 1 ? "event" : "events")} from {timeline.Passages} {(timeline.Passages == 1 ? "passage" : "passages")} · {timeline.Elapsed.TotalMilliseconds:F0} ms")) + "[/]");
        console.WriteLine();
    }

    /// <summary>"November 4, 1964 (1964-11-04, day)", "early 1962 (1962-01/1962-04, season)", "1942 (year)".</summary>
    public static string Heading(EventDate date)
    {
        ArgumentNullException.ThrowIfNull(date);
        var written = TextCut.Truncate(string.Join(' ', date.Written.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)), 80);
        var precision = TimelineJson.Precision(date.Precision);
        var detail = string.Equals(written, date.Normalized, StringComparison.Ordinal) ? precision : date.Normalized + ", " + precision;
        return $"[bold]{Markup.Escape(written)}[/] [dim]({Markup.Escape(detail)})[/]";
    }
}
