using System.CommandLine;
using System.Globalization;
using System.Text;
using ChatBot.Core;
using ChatBot.Health;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>The verbs of the command line. Each builds its host, does its work, and returns an exit code.</summary>
public static class Verbs
{
    public static Command Ask(Func<ParseResult, GlobalOptions> global, TextWriter output, IAnsiConsole console)
    {
        var question = new Argument<string?>("question") { Description = "The question, in quotes", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int?>("--top") { Description = "How many quotes to show (1-25; default Answers:MaxResults)" };
        var json = new Option<bool>("--json") { Description = "Print JSON (one object, or JSON Lines with --batch)" };
        var batch = new Option<string?>("--batch") { Description = "Answer one question per line of FILE (- for standard input)" };
        var kindOption = new Option<string?>("--kind") { Description = "Quote only primary, secondary or tertiary sources" };
        var command = new Command("ask", "Answer a question from the corpus (builds or updates the index first)") { question, top, json, batch, kindOption };
        command.SetAction((parse, ct) =>
        {
            var text = parse.GetValue(question);
            var batchFile = parse.GetValue(batch);
            if (batchFile is not null && text is not null)
            {
                throw new CliException("give either a question or --batch FILE, not both");
            }

            if (batchFile is null && string.IsNullOrWhiteSpace(text))
            {
                throw new CliException("empty question: ask \"who led the coup\"");
            }

            var count = parse.GetValue(top);
            if (count is < 1 or > AnswerRequest.MaxTop)
            {
                throw new CliException($"--top must be between 1 and {AnswerRequest.MaxTop}");
            }

            SourceKind? kind = null;
            if (parse.GetValue(kindOption) is { } kindText)
            {
                kind = SourceKinds.TryParse(kindText, out var parsed) ? parsed : throw new CliException($"--kind must be primary, secondary or tertiary, not \"{kindText}\"");
            }

            var questions = batchFile is null ? [text!] : ReadBatch(batchFile);
            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            var engine = PrepareIndex(host, ct);
            var maxResults = count ?? host.Services.GetRequiredService<IOptions<AnswersOptions>>().Value.MaxResults;
            foreach (var q in questions)
            {
                var answer = engine.Answer(new AnswerRequest(q, CorpusScope.Global, maxResults, Kind: kind), ct);
                if (parse.GetValue(json))
                {
                    output.WriteLine(AnswerJson.Serialize(answer));
                }
                else
                {
                    AnswerConsoleRenderer.Render(console, answer);
                }
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    public static Command Verify(Func<ParseResult, GlobalOptions> global, TextWriter output, IAnsiConsole console)
    {
        var quote = new Argument<string?>("quote") { Description = "The quote, in quotes; … or ... stands for left-out words", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("verify", "Check a quote against the corpus: verbatim, close (word by word) or not found") { quote, json };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(quote);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliException("empty quote: verify \"The coup surprised many foreign observers\"");
            }

            if (text.Trim().Length > QuoteVerification.MaxQuoteLength)
            {
                throw new CliException($"the quote is too long: at most {QuoteVerification.MaxQuoteLength:N0} characters");
            }

            // A word starts with a letter or digit; without one there is nothing to look for.
            if (!text.Any(char.IsLetterOrDigit))
            {
                throw new CliException("the quote has no words to look for");
            }

            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            PrepareIndex(host, ct);
            var verification = await host.Services.GetRequiredService<IQuoteVerifier>().VerifyAsync(text, CorpusScope.Global, ct);

            if (parse.GetValue(json))
            {
                output.WriteLine(QuoteJson.Serialize(verification));
            }
            else
            {
                QuoteConsoleRenderer.Render(console, verification);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Timeline(Func<ParseResult, GlobalOptions> global, TextWriter output, IAnsiConsole console)
    {
        var topic = new Argument<string?>("topic") { Description = "The topic, in quotes: a name, a place, an event", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("timeline", "List the dated events the passages on a topic state, in chronological order") { topic, json };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(topic);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliException("empty topic: timeline \"bolivia\"");
            }

            if (text.Trim().Length > Core.Timeline.MaxTopicLength)
            {
                throw new CliException($"the topic is too long: at most {Core.Timeline.MaxTopicLength} characters");
            }

            if (!text.Any(char.IsLetterOrDigit))
            {
                throw new CliException("the topic has no words to look for");
            }

            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            PrepareIndex(host, ct);
            var timeline = await host.Services.GetRequiredService<ITimelineService>().BuildAsync(text, CorpusScope.Global, ct);
            if (parse.GetValue(json))
            {
                output.WriteLine(TimelineJson.Serialize(timeline));
            }
            else
            {
                TimelineConsoleRenderer.Render(console, timeline);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Index(Func<ParseResult, GlobalOptions> global, TextWriter output)
    {
        var command = new Command("index", "Build or update the index from the sources folder");
        command.SetAction((parse, ct) =>
        {
            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            var options = host.Services.GetRequiredService<IOptions<IndexOptions>>().Value;
            var indexer = host.Services.GetRequiredService<CorpusIndexer>();
            var report = indexer.SyncFolder(options.SourcesPath, ct);

            // Everything in the database file itself, so it can be copied (a container's seed database).
            var store = host.Services.GetRequiredService<ICorpusStore>();
            store.Checkpoint();
            var into = store.Provider == StoreProvider.Sqlite ? options.DatabasePath : store.Name;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Indexed {options.SourcesPath} into {into}: {report.Added} added, {report.Updated} updated, " +
                $"{report.Unchanged} unchanged, {report.Removed} removed; {report.PassagesWritten} passages written in {report.Elapsed.TotalMilliseconds:F0} ms."));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The index holds {report.SourceCount} sources and {report.PassageCount} passages."));
            return Task.FromResult(report.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.BadInput);
        });
        return command;
    }

    public static Command Sources(Func<ParseResult, GlobalOptions> global, IAnsiConsole console)
    {
        var command = new Command("sources", "List the indexed sources with their passage counts");
        command.SetAction(async (parse, ct) =>
        {
            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            PrepareIndex(host, ct);
            var catalog = host.Services.GetRequiredService<ISourceCatalog>();
            var list = await catalog.ListSourcesAsync(CorpusScope.Global, ct);
            var table = new Table().AddColumns("Id", "Title", "Author", "Passages");
            foreach (var source in list)
            {
                table.AddRow(
                    Markup.Escape(source.SourceId), Markup.Escape(source.Title), Markup.Escape(source.Author ?? "—"),
                    source.PassageCount.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{list.Count} sources, {list.Sum(s => s.PassageCount)} passages"));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Eval(Func<ParseResult, GlobalOptions> global, TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "TSV: question<TAB>k<TAB>expected|alternatives; # starts a comment" };
        var command = new Command("eval", "Check that the corpus answers a list of questions confidently; exit code 1 when any fails") { file };
        command.SetAction((parse, ct) =>
        {
            var cases = EvalFile.Read(parse.GetValue(file)!);
            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            var engine = PrepareIndex(host, ct);
            var passed = 0;
            foreach (var item in cases)
            {
                var answer = engine.Answer(new AnswerRequest(item.Question, CorpusScope.Global, item.K), ct);
                var hit = answer.Results.FirstOrDefault(r => item.IsAnsweredBy(r.Quote));
                var confidence = answer.Confident ? "confident" : "flagged not covered";
                if (hit is not null && answer.Confident)
                {
                    passed++;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PASS  {item.Question}  (rank {hit.Rank}: {hit.Citation.SourceId} {hit.Citation.Locator}; {confidence})"));
                }
                else
                {
                    var top = answer.Results.Count > 0 ? TextCut.Cut(answer.Results[0].Quote, 100) : "no results";
                    var found = hit is not null
                        ? string.Create(CultureInfo.InvariantCulture, $"found at rank {hit.Rank} but {confidence}")
                        : $"expected {string.Join(" or ", item.Expected)} in the top {item.K}; {confidence}";
                    output.WriteLine($"FAIL  {item.Question}  ({found}; top quote: {top})");
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passed} of {cases.Count} passed"));
            return Task.FromResult(passed == cases.Count ? ExitCodes.Success : ExitCodes.Failure);
        });
        return command;
    }

    public static Command Health(Func<ParseResult, GlobalOptions> global, TextWriter output)
    {
        var command = new Command("health", "Exit 0 when the running bot is connected to Discord and its index answers");
        command.SetAction((parse, _) =>
        {
            using var host = CliHost.CreateBuilder(global(parse), logToStandardError: true).Build();
            var report = HealthCheck.Check(
                host.Services.GetRequiredService<IStoreProbe>(), host.Services.GetRequiredService<IOptions<IndexOptions>>().Value, DateTimeOffset.UtcNow);
            output.WriteLine((report.Healthy ? "healthy: " : "unhealthy: ") + report.Reason);
            return Task.FromResult(report.Healthy ? ExitCodes.Success : ExitCodes.Failure);
        });
        return command;
    }

    public static Command Run(Func<ParseResult, GlobalOptions> global)
    {
        var command = new Command("run", "Run the Discord bot (the default when no verb is given)");
        command.SetAction((parse, ct) => BotRunner.RunAsync(global(parse), ct));
        return command;
    }

    /// <summary>
    /// Brings the search index up to date, then returns the engine: with <c>Index:SyncOnStart</c> (the default with
    /// SQLite) it writes the sources folder to the store first; without it (the default with PostgreSQL, where only
    /// <c>index</c> writes the folder) it follows the store.
    /// </summary>
    private static AnswerEngine PrepareIndex(IHost host, CancellationToken cancellationToken)
    {
        var options = host.Services.GetRequiredService<IOptions<IndexOptions>>().Value;
        var indexer = host.Services.GetRequiredService<CorpusIndexer>();
        if (options.SyncsOnStart(host.Services.GetRequiredService<ICorpusStore>().Provider))
        {
            indexer.EnsureIndexed(options.SourcesPath, cancellationToken);
        }
        else
        {
            indexer.FollowStore(cancellationToken);
        }

        return host.Services.GetRequiredService<AnswerEngine>();
    }

    private static List<string> ReadBatch(string file)
    {
        string text;
        try
        {
            text = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {file}: {e.Message}");
        }

        return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
    }

}
