using System.Globalization;
using ChatBot.Core;

namespace ChatBot.Bench;

/// <summary>
/// Shows why a question ranks as it does over a sources folder: the searched terms with their weights and
/// origins, then each ranked passage's BM25 score, quote coverage, whether its quote holds an answer of the asked
/// kind, and the final score. For tuning, not for users.
/// </summary>
public static class ExplainBench
{
    public static int Run(DirectoryInfo sources, string question, int depth, CancellationToken cancellationToken)
    {
        using var index = BenchIndex.Create(null);
        index.Indexer.SyncFolder(sources.FullName, cancellationToken);
        var ranking = index.Engine.Rank(question, CorpusScope.Global, depth, cancellationToken);
        foreach (var term in ranking.Query.Terms)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"term {term.Group,2} {term.Term,-16} {term.Weight:F2} {term.Origin}"));
        }

        foreach (var passage in ranking.Passages.Take(depth))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{passage.Score:F3}  bm25 {passage.Bm25:F2}  window {passage.Quote.WindowCoverage:F2}  passage {passage.Quote.PassageCoverage:F2}  missing {passage.Quote.Missing:F2}  evidence {passage.Quote.Evidence:F2}  answer {passage.Quote.HoldsAnswer}  {passage.Row.PassageId}"));
            Console.WriteLine("       " + passage.Quote.Text[..Math.Min(160, passage.Quote.Text.Length)]);
        }

        return 0;
    }
}
