using System.Globalization;
using ChatBot.Core;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>Prints a quote's verification for a person at a terminal: the verdict, the differences word by word, the original and its citation.</summary>
public static class QuoteConsoleRenderer
{
    /// <summary>Quotation marks the quote may come in; it is shown in one pair of its own.</summary>
    private static readonly char[] QuoteMarks = ['"', '\'', '“', '”', '‘', '’', '«', '»', '„', ' '];

    public static void Render(IAnsiConsole console, QuoteVerification verification)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(verification);
        console.MarkupLine($"[bold]“{Markup.Escape(verification.Quote.Trim(QuoteMarks))}”[/]");
        console.WriteLine();
        switch (verification.Verdict)
        {
            case QuoteVerdict.Verbatim:
                console.MarkupLine("[bold green]Verbatim:[/] these words stand in the corpus as quoted.");
                break;
            case QuoteVerdict.Close:
                var count = verification.Matches[0].Differences.Count;
                console.MarkupLine($"[bold yellow]Close:[/] the original differs in {count} {(count == 1 ? "place" : "places")}.");
                break;
            default:
                console.MarkupLine(verification.Matches.Count > 0
                    ? "[bold red]Not found:[/] the corpus does not hold these words. The closest passage, which is not the quote:"
                    : "[bold red]Not found:[/] the corpus does not hold these words, nor anything close.");
                break;
        }

        console.WriteLine();
        foreach (var match in verification.Matches)
        {
            foreach (var difference in match.Differences.Take(verification.Verdict == QuoteVerdict.NotFound ? 0 : int.MaxValue))
            {
                console.MarkupLine("   " + Describe(difference));
            }

            if (match.Differences.Count > 0 && verification.Verdict != QuoteVerdict.NotFound)
            {
                console.WriteLine();
            }

            console.MarkupLine((verification.Verdict == QuoteVerdict.NotFound ? "" : "[dim]Original:[/] ") + Markup.Escape(match.Original));
            console.MarkupLine($"   [dim]—[/] {Markup.Escape(AnswerConsoleRenderer.Cite(match.Citation))}");
            console.WriteLine();
        }

        console.MarkupLine("[dim]" + Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{verification.Words} words compared · {verification.Elapsed.TotalMilliseconds:F0} ms")) + "[/]");
        console.WriteLine();
    }

    private static string Describe(QuoteDifference difference) => difference.Kind switch
    {
        DifferenceKind.Changed => $"changed: [red]“{Markup.Escape(difference.Text)}”[/] where the original has [green]“{Markup.Escape(difference.Original ?? "")}”[/]",
        DifferenceKind.Added => $"added: [red]“{Markup.Escape(difference.Text)}”[/] is not in the original",
        _ => $"left out: [green]“{Markup.Escape(difference.Text)}”[/] of the original, with no ellipsis",
    };
}
