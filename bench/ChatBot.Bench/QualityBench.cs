using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search.Semantic;

namespace ChatBot.Bench;

/// <summary>
/// Indexes SQuAD articles as sources and measures hit@k: the share of questions for which one of the top k
/// quotes contains one of the answer strings (SQuAD normalisation, whole words).
/// </summary>
public static class QualityBench
{
    public static int Run(FileInfo squad, int showFailures, bool semantic, FileInfo? spanDump, CancellationToken cancellationToken)
    {
        if (!squad.Exists)
        {
            Console.Error.WriteLine($"bench: {squad.FullName} does not exist");
            return 2;
        }

        var (questions, articles) = SquadAnswers.Read(squad.FullName);
        var (index, report) = BenchIndex.OfArticles(articles, cancellationToken, new SemanticOptions { Semantic = semantic });
        using (index)
        {
            var engine = index.Engine;
            Console.WriteLine($"indexed {report.SourceCount} articles, {report.PassageCount} passages in {report.Elapsed.TotalSeconds:F1} s");
            if (semantic)
            {
                // What the bot's background embedder does, waited for, so that every answer below has its vectors.
                SemanticBench.Embed(index, cancellationToken);
            }

            int[] hits = [0, 0, 0, 0, 0, 0];
            int[] substringHits = [0, 0, 0, 0, 0, 0];

            // The same per half of the articles (even and odd in file order, as the semantic and confidence benches
            // split them), so a weight fitted on one half can be checked on the other.
            var titles = articles.Keys.ToList();
            var halves = new (int Questions, int[] Hits)[] { (0, new int[6]), (0, new int[6]) };
            var maxQuote = 0;
            long quoteChars = 0, quotes = 0;
            var shown = 0;
            using var spans = new SpanTally(spanDump);
            var stopwatch = Stopwatch.StartNew();
            foreach (var question in questions)
            {
                var answer = engine.Answer(new AnswerRequest(question.Question, CorpusScope.Global, Top: 5), cancellationToken);
                var normalizedAnswers = question.Answers.Select(SquadAnswers.Normalize).ToList();
                var firstHit = -1;
                var firstSubstringHit = -1;
                for (var rank = 0; rank < answer.Results.Count; rank++)
                {
                    var quote = answer.Results[rank].Quote;
                    maxQuote = Math.Max(maxQuote, quote.Length);
                    quoteChars += quote.Length;
                    quotes++;
                    var normalized = SquadAnswers.Normalize(quote);
                    if (firstHit < 0 && normalizedAnswers.Any(a => SquadAnswers.Contains(normalized, a)))
                    {
                        firstHit = rank + 1;
                    }

                    if (firstSubstringHit < 0 && normalizedAnswers.Any(a => a.Length > 0 && normalized.Contains(a, StringComparison.Ordinal)))
                    {
                        firstSubstringHit = rank + 1;
                    }
                }

                spans.Add(question, answer, normalizedAnswers, () => engine.Rank(question.Question, CorpusScope.Global, 1, cancellationToken));

                var half = titles.IndexOf(question.Article) % 2;
                halves[half].Questions++;
                for (var k = 1; k <= 5; k++)
                {
                    if (firstSubstringHit >= 1 && firstSubstringHit <= k)
                    {
                        halves[half].Hits[k]++;
                    }

                    if (firstHit >= 1 && firstHit <= k)
                    {
                        hits[k]++;
                    }

                    if (firstSubstringHit >= 1 && firstSubstringHit <= k)
                    {
                        substringHits[k]++;
                    }
                }

                if (firstHit != 1 && shown < showFailures)
                {
                    shown++;
                    Console.WriteLine($"- {question.Question}  [{string.Join(" | ", question.Answers)}]  hit at {firstHit}");
                    if (answer.Results.Count > 0)
                    {
                        Console.WriteLine($"    top: {answer.Results[0].Citation.Title} {answer.Results[0].Citation.Locator}: {answer.Results[0].Quote}");
                    }
                }
            }

            var n = questions.Count;
            Console.WriteLine($"questions {n}  hit@1 {(double)hits[1] / n:F4}  hit@3 {(double)hits[3] / n:F4}  hit@5 {(double)hits[5] / n:F4}  (answer as whole words)");
            Console.WriteLine($"               hit@1 {(double)substringHits[1] / n:F4}  hit@3 {(double)substringHits[3] / n:F4}  hit@5 {(double)substringHits[5] / n:F4}  (answer as a substring)");
            Console.WriteLine(string.Join("   ", halves.Select((h, i) => $"{(i == 0 ? "even" : "odd")} articles: {h.Questions} questions  hit@1 {(double)h.Hits[1] / Math.Max(1, h.Questions):F4}  hit@5 {(double)h.Hits[5] / Math.Max(1, h.Questions):F4}")) + "  (as a substring)");
            spans.Print();
            Console.WriteLine($"quotes: mean {(double)quoteChars / Math.Max(1, quotes):F0} characters, longest {maxQuote}; {stopwatch.Elapsed.TotalMilliseconds / n:F2} ms per question");
            return 0;
        }
    }
}
