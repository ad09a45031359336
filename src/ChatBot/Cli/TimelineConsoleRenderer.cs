using System.Globalization;
using ChatBot.Core;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>Prints a timeline for a person at a terminal: each event's normalised date, its sentence with the date in bold, and the citation.</summary>
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
                console.MarkupLine($"{indent}[bold]{Markup.Escape(item.Date.Normalized)}[/] [dim]({TimelineJson.Precision(item.Date.Precision)})[/]");
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
}
