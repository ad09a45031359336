using System.Diagnostics;
using ChatBot.Core;

namespace ChatBot.Bench;

/// <summary>
/// Builds the index of a generated corpus and answers its questions in process: passages indexed per second,
/// the time to load the ranking index, answer latency percentiles (after one warm-up pass) and peak memory.
/// </summary>
public static class SpeedBench
{
    public static int Run(DirectoryInfo corpus, FileInfo? database, CancellationToken cancellationToken)
    {
        var sources = Path.Combine(corpus.FullName, "sources");
        var questionsFile = Path.Combine(corpus.FullName, "questions.txt");
        if (!Directory.Exists(sources) || !File.Exists(questionsFile))
        {
            Console.Error.WriteLine($"bench: {corpus.FullName} has no sources/ folder or questions.txt (make one with make-scale-corpus.py)");
            return 2;
        }

        using (var index = BenchIndex.Create(database))
        {
            var indexer = index.Indexer;
            var report = indexer.SyncFolder(sources, cancellationToken);
            Console.WriteLine(
                $"index: {report.PassagesWritten:N0} passages from {report.Added + report.Updated:N0} files in {report.Elapsed.TotalSeconds:F2} s " +
                $"= {report.PassagesWritten / Math.Max(0.001, report.Elapsed.TotalSeconds):N0} passages/s ({report.PassageCount:N0} in the index)");
            var resync = indexer.SyncFolder(sources, cancellationToken);
            Console.WriteLine($"re-index with nothing changed: {resync.Unchanged:N0} files skipped in {resync.Elapsed.TotalSeconds:F2} s");

            var engine = index.Engine;
            var questions = File.ReadAllLines(questionsFile).Where(q => q.Length > 0).ToList();
            foreach (var question in questions)
            {
                engine.Answer(new AnswerRequest(question, CorpusScope.Global), cancellationToken);
            }

            var times = new List<double>(questions.Count);
            foreach (var question in questions)
            {
                var stopwatch = Stopwatch.StartNew();
                engine.Answer(new AnswerRequest(question, CorpusScope.Global), cancellationToken);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            double Percentile(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
            Console.WriteLine(
                $"answer ({times.Count} questions, top 3, in process): p50 {Percentile(0.50):F2} ms  p90 {Percentile(0.90):F2} ms  " +
                $"p99 {Percentile(0.99):F2} ms  max {times[^1]:F2} ms  mean {times.Average():F2} ms");
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(
                $"memory: peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB, managed heap now {GC.GetTotalMemory(false) / (1024.0 * 1024):F0} MB");
            return 0;
        }
    }
}
