using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Search;

namespace ChatBot.Bench;

/// <summary>
/// ChatBot and the Java Lucene 4.10 baseline side by side on one generated corpus, each run as its own process
/// the way a user runs it: the index build from the command's start to its end, the answer latency of
/// <c>ask --batch</c> in process (200 untimed warm-up questions, then 1,000, top 5, as the baseline does) and the
/// peak resident set of that run; then, in this process, how soon an added source is answerable and whether
/// memory stays flat over 1,000 add/remove cycles. Prints ratios (ChatBot / Lucene).
/// </summary>
public static class SpeedBench
{
    private const int WarmUp = 200;

    public static int Run(DirectoryInfo corpus, FileInfo? baseline, int top, int cycles, CancellationToken cancellationToken)
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

        var cli = Path.Combine(AppContext.BaseDirectory, "ChatBot.dll");
        var work = Directory.CreateTempSubdirectory("chatbot-speed-");
        try
        {
            var database = Path.Combine(work.FullName, "chatbot.db");
            var paragraphs = CountParagraphs(sources);
            var questions = File.ReadAllLines(questionsFile).Where(q => q.Length > 0).ToList();
            Console.WriteLine($"corpus: {paragraphs:N0} paragraphs in {Directory.GetFiles(sources).Length:N0} files; {questions.Count:N0} questions, top {top}");

            var index = MeasuredProcess.Run("dotnet", [cli, "index", "--sources", sources, "--database", database]);
            Check(index, "ChatBot index");
            Console.WriteLine($"ChatBot index: {index.Wall.TotalSeconds:F1} s = {paragraphs / index.Wall.TotalSeconds:N0} paragraphs/s, peak RSS {Mb(index.PeakRssBytes)}; {index.StandardOutput.Trim().Replace('\n', ' ')}");
            var again = MeasuredProcess.Run("dotnet", [cli, "index", "--sources", sources, "--database", database]);
            Check(again, "ChatBot index (again)");
            Console.WriteLine($"ChatBot index again, nothing changed: {again.Wall.TotalSeconds:F2} s");

            var batch = Path.Combine(work.FullName, "batch.txt");
            File.WriteAllLines(batch, questions.Take(WarmUp).Concat(questions));
            var answersFile = Path.Combine(work.FullName, "chatbot.jsonl");
            var ask = MeasuredProcess.Run("dotnet", [cli, "ask", "--batch", batch, "--json", "--top", top.ToString(CultureInfo.InvariantCulture), "--sources", sources, "--database", database], answersFile);
            Check(ask, "ChatBot ask --batch");
            var ours = Percentiles.Of(ElapsedMs(answersFile).Skip(WarmUp));
            Console.WriteLine($"ChatBot ask --batch: {ours}; peak RSS {Mb(ask.PeakRssBytes)}");

            ProcessMeasure? luceneIndex = null, luceneAsk = null;
            Percentiles? lucene = null;
            if (baseline is not null)
            {
                var luceneDir = Path.Combine(work.FullName, "lucene-baseline");
                luceneIndex = MeasuredProcess.Run(baseline.FullName, ["index", sources, luceneDir]);
                Check(luceneIndex, "Lucene index");
                Console.WriteLine($"Lucene 4.10 index: {luceneIndex.Wall.TotalSeconds:F1} s = {paragraphs / luceneIndex.Wall.TotalSeconds:N0} paragraphs/s, peak RSS {Mb(luceneIndex.PeakRssBytes)}");
                var luceneAnswers = Path.Combine(work.FullName, "lucene.jsonl");
                luceneAsk = MeasuredProcess.Run(baseline.FullName, ["ask", luceneDir, questionsFile, top.ToString(CultureInfo.InvariantCulture), "fragment"], luceneAnswers);
                Check(luceneAsk, "Lucene ask");
                lucene = Percentiles.Of(ElapsedMs(luceneAnswers));
                Console.WriteLine($"Lucene 4.10 ask: {lucene}; peak RSS {Mb(luceneAsk.PeakRssBytes)}");
            }

            var (visible, workingSets, heapBefore, heapAfter) = ChangeCycles(database, cycles, cancellationToken);
            Console.WriteLine($"in process: a 50-paragraph source added is answerable after p50 {visible.P50:F0} ms, max {visible.Max:F0} ms (add, commit, refresh, first answer); " +
                $"{cycles:N0} add/remove cycles: working set {string.Join(" -> ", workingSets.Select(Mb))} (before, then after each quarter), managed heap {Mb(heapBefore)} -> {Mb(heapAfter)}");

            if (lucene is not null && luceneIndex is not null && luceneAsk is not null)
            {
                Console.WriteLine();
                Console.WriteLine("| | ChatBot | Lucene 4.10 | ratio (ChatBot / Lucene) | target |");
                Console.WriteLine("|---|---|---|---|---|");
                Console.WriteLine($"| index build, paragraphs/s | {paragraphs / index.Wall.TotalSeconds:N0} | {paragraphs / luceneIndex.Wall.TotalSeconds:N0} | {luceneIndex.Wall / index.Wall:F2} | ≥ 1.5 |");
                Console.WriteLine($"| answer p50 | {ours.P50:F2} ms | {lucene.P50:F2} ms | {ours.P50 / lucene.P50:F2} | |");
                Console.WriteLine($"| answer p99 | {ours.P99:F2} ms | {lucene.P99:F2} ms | {ours.P99 / lucene.P99:F2} | ≤ 0.8 |");
                Console.WriteLine($"| peak RSS of ask | {Mb(ask.PeakRssBytes)} | {Mb(luceneAsk.PeakRssBytes)} | {(double)ask.PeakRssBytes / luceneAsk.PeakRssBytes:F2} | ≤ 0.8 |");
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
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
