using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Search;

namespace ChatBot.Bench;

/// <summary>
/// ChatBot and the Java Lucene 4.10 baseline side by side on one generated corpus, each run as its own process
/// the way a user runs it (ChatBot published, as the container carries it): the index build from the command's start to its end, the answer latency of
/// <c>ask --batch</c> in process (200 untimed warm-up questions, then 1,000, top 5, as the baseline does) and the
/// peak resident set of that run, ChatBot's then the baseline's, in as many rounds as asked; then, in this
/// process, how soon an added source is answerable and whether memory stays flat over 1,000 add/remove cycles.
/// Prints each round's ratios (ChatBot / Lucene) and a table of the medians.
/// </summary>
public static class SpeedBench
{
    private const int WarmUp = 200;

    public static int Run(DirectoryInfo corpus, FileInfo? baseline, int top, int cycles, int rounds, CancellationToken cancellationToken)
    {
        var sources = Path.Combine(corpus.FullName, "sources");
        var questionsFile = Path.Combine(corpus.FullName, "questions.txt");
        if (!Directory.Exists(sources) || !File.Exists(questionsFile))
        {
            Console.Error.WriteLine($"bench: {corpus.FullName} has no sources/ folder or questions.txt (make one with make-scale-corpus.py)");
            return 2;
        }

        if (baseline is { Exists: false })
        {
            Console.Error.WriteLine($"bench: the Lucene baseline {baseline.FullName} does not exist");
            return 2;
        }

        if (rounds < 1)
        {
            Console.Error.WriteLine("bench: --rounds must be at least 1");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("chatbot-speed-");
        try
        {
            var paragraphs = CountParagraphs(sources);
            var questions = File.ReadAllLines(questionsFile).Where(q => q.Length > 0).ToList();
            Console.WriteLine($"corpus: {paragraphs:N0} paragraphs in {Directory.GetFiles(sources).Length:N0} files; {questions.Count:N0} questions, top {top}; {rounds} round(s), each ChatBot then Lucene");
            var batch = Path.Combine(work.FullName, "batch.txt");
            File.WriteAllLines(batch, questions.Take(WarmUp).Concat(questions));
            var cli = Publish(work.FullName);

            var results = new List<Round>();
            string? database = null;
            for (var r = 1; r <= rounds; r++)
            {
                if (database is not null)
                {
                    // The last round's files only: a 1M-paragraph round leaves gigabytes.
                    Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
                }

                var roundDirectory = Directory.CreateDirectory(Path.Combine(work.FullName, $"round-{r}")).FullName;
                database = Path.Combine(roundDirectory, "chatbot.db");
                var round = RunRound(r, cli, roundDirectory, database, sources, questionsFile, batch, paragraphs, top, baseline);
                results.Add(round);
            }

            var (visible, workingSets, heapBefore, heapAfter) = ChangeCycles(database!, cycles, cancellationToken);
            Console.WriteLine($"in process: a 50-paragraph source added is answerable after p50 {visible.P50:F0} ms, max {visible.Max:F0} ms (add, commit, refresh, first answer); " +
                $"{cycles:N0} add/remove cycles: working set {string.Join(" -> ", workingSets.Select(Mb))} (before, then after each quarter), managed heap {Mb(heapBefore)} -> {Mb(heapAfter)}");

            if (baseline is not null)
            {
                PrintTable(results, paragraphs);
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>What one round measured: ChatBot's runs, then the baseline's (null without one).</summary>
    private sealed record Round(ProcessMeasure Index, ProcessMeasure Ask, Percentiles Ours, ProcessMeasure? LuceneIndex, ProcessMeasure? LuceneAsk, Percentiles? Lucene);

    /// <summary>
    /// The program as the container carries it: <c>dotnet publish</c> of src/ChatBot (its start-up libraries
    /// compiled ahead of time), into the bench's work folder; the path of its ChatBot.dll.
    /// </summary>
    private static string Publish(string work)
    {
        var project = FindProject();
        var app = Path.Combine(work, "app");
        var publish = MeasuredProcess.Run("dotnet", ["publish", project, "-c", "Release", "-o", app, "--artifacts-path", Path.Combine(work, "artifacts")]);
        Check(publish, "dotnet publish");
        Console.WriteLine($"published {project} in {publish.Wall.TotalSeconds:F0} s");
        return Path.Combine(app, "ChatBot.dll");
    }

    private static string FindProject()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var project = Path.Combine(directory.FullName, "src", "ChatBot", "ChatBot.csproj");
            if (File.Exists(project))
            {
                return project;
            }
        }

        throw new InvalidOperationException($"no src/ChatBot/ChatBot.csproj above {AppContext.BaseDirectory}");
    }

    private static Round RunRound(int number, string cli, string directory, string database, string sources, string questionsFile, string batch, long paragraphs, int top, FileInfo? baseline)
    {
        var index = MeasuredProcess.Run("dotnet", [cli, "index", "--sources", sources, "--database", database]);
        Check(index, "ChatBot index");
        Console.WriteLine($"[{number}] ChatBot index: {index.Wall.TotalSeconds:F1} s = {paragraphs / index.Wall.TotalSeconds:N0} paragraphs/s, peak RSS {Mb(index.PeakRssBytes)}; {index.StandardOutput.Trim().Replace('\n', ' ')}");
        var again = MeasuredProcess.Run("dotnet", [cli, "index", "--sources", sources, "--database", database]);
        Check(again, "ChatBot index (again)");
        Console.WriteLine($"[{number}] ChatBot index again, nothing changed: {again.Wall.TotalSeconds:F2} s");

        var answersFile = Path.Combine(directory, "chatbot.jsonl");
        var ask = MeasuredProcess.Run("dotnet", [cli, "ask", "--batch", batch, "--json", "--top", top.ToString(CultureInfo.InvariantCulture), "--sources", sources, "--database", database], answersFile);
        Check(ask, "ChatBot ask --batch");
        var ours = Percentiles.Of(ElapsedMs(answersFile).Skip(WarmUp));
        Console.WriteLine($"[{number}] ChatBot ask --batch: {ours}; peak RSS {Mb(ask.PeakRssBytes)}");
        if (baseline is null)
        {
            return new Round(index, ask, ours, null, null, null);
        }

        var luceneDir = Path.Combine(directory, "lucene-baseline");
        var luceneIndex = MeasuredProcess.Run(baseline.FullName, ["index", sources, luceneDir]);
        Check(luceneIndex, "Lucene index");
        Console.WriteLine($"[{number}] Lucene 4.10 index: {luceneIndex.Wall.TotalSeconds:F1} s = {paragraphs / luceneIndex.Wall.TotalSeconds:N0} paragraphs/s, peak RSS {Mb(luceneIndex.PeakRssBytes)}");
        var luceneAnswers = Path.Combine(directory, "lucene.jsonl");
        var luceneAsk = MeasuredProcess.Run(baseline.FullName, ["ask", luceneDir, questionsFile, top.ToString(CultureInfo.InvariantCulture), "fragment"], luceneAnswers);
        Check(luceneAsk, "Lucene ask");
        var lucene = Percentiles.Of(ElapsedMs(luceneAnswers));
        Console.WriteLine($"[{number}] Lucene 4.10 ask: {lucene}; peak RSS {Mb(luceneAsk.PeakRssBytes)}");
        Console.WriteLine($"[{number}] ratios: index rate {luceneIndex.Wall / index.Wall:F2}, p50 {ours.P50 / lucene.P50:F2}, p99 {ours.P99 / lucene.P99:F2}, RSS {(double)ask.PeakRssBytes / luceneAsk.PeakRssBytes:F2}");
        return new Round(index, ask, ours, luceneIndex, luceneAsk, lucene);
    }

    /// <summary>
    /// The table: each figure the median over the rounds (ChatBot's and Lucene's apart), and the ratio of the
    /// medians; with more than one round, the range of the rounds' own ratios beside it. The two engines run one
    /// after the other in each round, so a slow spell of a shared machine weighs on both.
    /// </summary>
    private static void PrintTable(List<Round> rounds, long paragraphs)
    {
        var oursIndex = Median(rounds.Select(r => r.Index.Wall.TotalSeconds));
        var luceneIndex = Median(rounds.Select(r => r.LuceneIndex!.Wall.TotalSeconds));
        var oursP50 = Median(rounds.Select(r => r.Ours.P50));
        var luceneP50 = Median(rounds.Select(r => r.Lucene!.P50));
        var oursP99 = Median(rounds.Select(r => r.Ours.P99));
        var luceneP99 = Median(rounds.Select(r => r.Lucene!.P99));
        var oursRss = Median(rounds.Select(r => (double)r.Ask.PeakRssBytes));
        var luceneRss = Median(rounds.Select(r => (double)r.LuceneAsk!.PeakRssBytes));
        string Range(Func<Round, double> ratio) => rounds.Count < 2 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({rounds.Min(ratio):F2}–{rounds.Max(ratio):F2})");

        Console.WriteLine();
        Console.WriteLine(rounds.Count < 2 ? "| | ChatBot | Lucene 4.10 | ratio (ChatBot / Lucene) | target |" : $"| median of {rounds.Count} rounds | ChatBot | Lucene 4.10 | ratio of the medians (range of the rounds' ratios) | target |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| index build, paragraphs/s | {paragraphs / oursIndex:N0} | {paragraphs / luceneIndex:N0} | {luceneIndex / oursIndex:F2}{Range(r => r.LuceneIndex!.Wall / r.Index.Wall)} | ≥ 1.5 |");
        Console.WriteLine($"| answer p50 | {oursP50:F2} ms | {luceneP50:F2} ms | {oursP50 / luceneP50:F2}{Range(r => r.Ours.P50 / r.Lucene!.P50)} | |");
        Console.WriteLine($"| answer p99 | {oursP99:F2} ms | {luceneP99:F2} ms | {oursP99 / luceneP99:F2}{Range(r => r.Ours.P99 / r.Lucene!.P99)} | ≤ 0.8 |");
        Console.WriteLine($"| peak RSS of ask | {Mb((long)oursRss)} | {Mb((long)luceneRss)} | {oursRss / luceneRss:F2}{Range(r => (double)r.Ask.PeakRssBytes / r.LuceneAsk!.PeakRssBytes)} | ≤ 0.8 |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>
    /// Adds a 50-paragraph source to a server, asks a question in that server that finds it, and removes it, over
    /// and over: how long from the add until the answer has it, the working set before the cycles and after each
    /// quarter of them (it grows while the first cycles warm the caches up, then stays flat), and the managed heap
    /// before and after.
    /// </summary>
    private static (Percentiles Visible, List<long> WorkingSets, long HeapBefore, long HeapAfter) ChangeCycles(string database, int cycles, CancellationToken cancellationToken)
    {
        using var corpus = new EmbeddedCorpus(database);
        corpus.Indexer.EnsureIndexed(Path.Combine(Path.GetDirectoryName(database)!, "no-sources"), cancellationToken);
        var curator = corpus.CreateCurator(new CommunityOptions());
        const ulong Guild = 290926798626357999;
        var moderator = new Actor(1, "bench");
        var text = new StringBuilder("---\ntitle: Bench upload\n---\n\n");
        for (var i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Paragraph {i} of the bench upload names the zyxquartz expedition of {1900 + i}.\n\n");
        }

        var upload = new SourceUpload(Guild, "bench-upload.md", Encoding.UTF8.GetBytes(text.ToString()), moderator);
        corpus.Engine.Answer(new AnswerRequest("zyxquartz expedition", CorpusScope.ForGuild(Guild)), cancellationToken);
        curator.AddSourceAsync(upload, cancellationToken).AsTask().GetAwaiter().GetResult();
        curator.RemoveSourceAsync(Guild, "bench-upload", moderator, cancellationToken).AsTask().GetAwaiter().GetResult();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var (workingSets, heapBefore) = (new List<long> { process.WorkingSet64 }, GC.GetTotalMemory(true));
        var visible = new List<double>(cycles);
        for (var i = 0; i < cycles; i++)
        {
            if (i > 0 && i % Math.Max(1, cycles / 4) == 0 && workingSets.Count < 4)
            {
                process.Refresh();
                workingSets.Add(process.WorkingSet64);
            }

            var stopwatch = Stopwatch.StartNew();
            curator.AddSourceAsync(upload, cancellationToken).AsTask().GetAwaiter().GetResult();
            var found = corpus.Engine.Answer(new AnswerRequest("zyxquartz expedition", CorpusScope.ForGuild(Guild)), cancellationToken);
            visible.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (found.Results.Count == 0)
            {
                throw new InvalidOperationException("the added source was not found");
            }

            curator.RemoveSourceAsync(Guild, "bench-upload", moderator, cancellationToken).AsTask().GetAwaiter().GetResult();
        }

        GC.Collect();
        process.Refresh();
        workingSets.Add(process.WorkingSet64);
        return (Percentiles.Of(visible), workingSets, heapBefore, GC.GetTotalMemory(true));
    }

    private static IEnumerable<double> ElapsedMs(string jsonLines)
    {
        foreach (var line in File.ReadLines(jsonLines))
        {
            using var json = JsonDocument.Parse(line);
            yield return json.RootElement.GetProperty("elapsedMs").GetDouble();
        }
    }

    private static long CountParagraphs(string sources)
    {
        long count = 0;
        foreach (var file in Directory.EnumerateFiles(sources, "*.md"))
        {
            var text = File.ReadAllText(file);
            var body = text.StartsWith("---", StringComparison.Ordinal) ? text[(text.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..] : text;
            count += body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Count(p => p.Length > 0);
        }

        return count;
    }

    private static void Check(ProcessMeasure run, string what)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited {run.ExitCode}: {run.StandardError.Trim()}");
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F0} MB");
}
