using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search;

namespace ChatBot.Bench;

/// <summary>
/// Quote verification latency on a generated corpus, in process: the corpus is indexed into a temporary folder,
/// then quotes are taken from its own paragraphs (a seeded random run of 6 to 30 words) and some altered: 40% as
/// they are, 20% with one word changed, 10% with one word left out, 10% with an ellipsis for left-out words, 20%
/// words shuffled across paragraphs (not found). 200 untimed warm-up quotes, then 1,000 timed; prints p50/p99 and
/// how often the verdict is the one the alteration calls for.
/// </summary>
public static class VerifyBench
{
    private const int WarmUp = 200;
    private const int Timed = 1000;

    public static int Run(DirectoryInfo corpus, CancellationToken cancellationToken)
    {
        var sources = Path.Combine(corpus.FullName, "sources");
        if (!Directory.Exists(sources))
        {
            Console.Error.WriteLine($"bench: {corpus.FullName} has no sources/ folder (make one with make-scale-corpus.py)");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("chatbot-verify-");
        try
        {
            using var index = new EmbeddedCorpus(Path.Combine(work.FullName, "chatbot.db"));
            var build = Stopwatch.StartNew();
            var report = index.Indexer.SyncFolder(sources, cancellationToken);
            Console.WriteLine($"corpus: {report.PassageCount:N0} passages in {report.SourceCount:N0} sources, indexed in {build.Elapsed.TotalSeconds:F1} s");

            var paragraphs = Paragraphs(sources);
            var random = new Random(14);
            var quotes = Enumerable.Range(0, WarmUp + Timed).Select(_ => Quote(paragraphs, random)).ToList();
            var times = new List<double>(Timed);
            var expected = 0;
            var verdicts = new Dictionary<QuoteVerdict, int>();
            for (var i = 0; i < quotes.Count; i++)
            {
                var (text, want) = quotes[i];
                var stopwatch = Stopwatch.StartNew();
                var result = index.Verifier.Verify(text, CorpusScope.Global, cancellationToken);
                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                if (i < WarmUp)
                {
                    continue;
                }

                times.Add(elapsed);
                verdicts[result.Verdict] = verdicts.GetValueOrDefault(result.Verdict) + 1;
                expected += result.Verdict == want ? 1 : 0;
            }

            Console.WriteLine($"verify: {Percentiles.Of(times)}".Replace("questions", "quotes", StringComparison.Ordinal));
            Console.WriteLine($"verdicts: {string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}"))}; as the alteration calls for: {expected} of {Timed}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static (string Text, QuoteVerdict Expected) Quote(List<string[]> paragraphs, Random random)
    {
        var words = paragraphs[random.Next(paragraphs.Count)];
        var length = Math.Min(words.Length, random.Next(6, 31));
        var start = random.Next(words.Length - length + 1);
        var quote = words[start..(start + length)].ToList();
        var roll = random.NextDouble();
        if (roll < 0.4 || quote.Count < 8)
        {
            return (string.Join(' ', quote), QuoteVerdict.Verbatim);
        }

        var at = random.Next(1, quote.Count - 1);
        if (roll < 0.6)
        {
            quote[at] = "zqxwhatever";
            return (string.Join(' ', quote), QuoteVerdict.Close);
        }

        if (roll < 0.7)
        {
            quote.RemoveAt(at);
            return (string.Join(' ', quote), QuoteVerdict.Close);
        }

        if (roll < 0.8)
        {
            return (string.Join(' ', quote[..at]) + " … " + string.Join(' ', quote[(at + 1)..]), QuoteVerdict.Verbatim);
        }

        var shuffled = Enumerable.Range(0, quote.Count).Select(_ => paragraphs[random.Next(paragraphs.Count)]).Select(p => p[random.Next(p.Length)]);
        return (string.Join(' ', shuffled), QuoteVerdict.NotFound);
    }

    private static List<string[]> Paragraphs(string sources)
    {
        var paragraphs = new List<string[]>();
        foreach (var file in Directory.EnumerateFiles(sources, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var body = text.StartsWith("---", StringComparison.Ordinal) ? text[(text.IndexOf("\n---", 3, StringComparison.Ordinal) + 4)..] : text;
            paragraphs.AddRange(body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
                .Where(w => w.Length >= 6));
        }

        return paragraphs;
    }
}
