using System.CommandLine;
using System.CommandLine.Parsing;
using ChatBot.Search.Store;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>
/// The command line: <c>run</c> (the default: the Discord bot), <c>ask</c>, <c>verify</c>, <c>timeline</c>, <c>index</c>, <c>sources</c>,
/// <c>eval</c> and <c>health</c>. Bad input of any kind ends with one line on stderr and exit code 2, never a stack trace.
/// </summary>
public static class ChatBotCli
{
    /// <param name="starting">Told the verb about to run, once the command line parsed (the program starts its JIT profile with it).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, Action<string>? starting = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var sources = new Option<string?>("--sources") { Description = "Folder of the bundled corpus (overrides Index:SourcesPath)", Recursive = true };
        var database = new Option<string?>("--database") { Description = "Index database file (overrides Index:DatabasePath)", Recursive = true };
        var root = new RootCommand("ChatBot answers history questions with verbatim, cited quotes from a curated corpus. With no verb it runs the Discord bot.")
        {
            sources,
            database,
        };

        // Colour and emphasis only on a terminal; piped output is plain text.
        var plain = ReferenceEquals(output, Console.Out) ? Console.IsOutputRedirected : true;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        GlobalOptions Global(ParseResult parse) => new(parse.GetValue(sources), parse.GetValue(database));

        root.Subcommands.Add(Verbs.Ask(Global, output, console));
        root.Subcommands.Add(Verbs.Verify(Global, output, console));
        root.Subcommands.Add(Verbs.Timeline(Global, output, console));
        root.Subcommands.Add(Verbs.Index(Global, output));
        root.Subcommands.Add(Verbs.Sources(Global, console));
        root.Subcommands.Add(Verbs.Eval(Global, output));
        root.Subcommands.Add(Verbs.Health(Global, output));
        root.Subcommands.Add(Verbs.Run(Global));
        root.SetAction((parse, ct) => BotRunner.RunAsync(Global(parse), ct));

        var parse = root.Parse(args, new ParserConfiguration());
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"chatbot: {parse.Errors[0].Message} (see chatbot --help)");
            return ExitCodes.BadInput;
        }

        // The verb about to run (the root command's name when the bot runs), before any of its work.
        starting?.Invoke(parse.CommandResult.Command.Name);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync($"chatbot: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"chatbot: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (System.Data.Common.DbException e)
        {
            // A database the process cannot use (read-only, locked for too long, corrupt): say so in one line.
            await error.WriteLineAsync($"chatbot: database error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync($"chatbot: {CliHost.Describe(e)}");
            return ExitCodes.BadInput;
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is OptionsValidationException first)
        {
            // Several sections failed validation at once: the first names a setting to fix.
            await error.WriteLineAsync($"chatbot: {CliHost.Describe(first)}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("chatbot: cancelled");
            return ExitCodes.Failure;
        }
    }
}
