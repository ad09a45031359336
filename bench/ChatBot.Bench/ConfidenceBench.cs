using ChatBot.Core;
using ChatBot.Search.Ranking;

namespace ChatBot.Bench;

/// <summary>
/// Derives the confidence rule from data. Half of the SQuAD articles are indexed; questions about them whose top
/// quote contains the answer are the ones the corpus answers, questions about the other half are the ones it
/// cannot. For each threshold on the top quote's coverage of the question, prints how often each group would be
/// called confident, and the threshold with the best balanced accuracy.
/// </summary>
public static class ConfidenceBench
{
    public static int Run(FileInfo squad, FileInfo? dump, CancellationToken cancellationToken)
    {
        if (!squad.Exists)
        {
            Console.Error.WriteLine($"bench: {squad.FullName} does not exist");
            return 2;
        }

        var (questions, articles) = SquadAnswers.Read(squad.FullName);
        var titles = articles.Keys.ToList();
        var indexed = titles.Where((_, i) => i % 2 == 0).ToHashSet(StringComparer.Ordinal);
        var (index, _) = BenchIndex.OfArticles(articles.Where(a => indexed.Contains(a.Key)).ToDictionary(), cancellationToken);
        using (index)
        {
            var engine = index.Engine;

            using var features = dump is null ? null : new StreamWriter(dump.FullName);
            features?.WriteLine("group\tarticle\twindow\tpassage\tunseen\tmissing\tmatched\tgroups\tbm25\tscore\tholds");
            var answered = new List<(string Article, double Evidence)>();
            var missed = new List<double>();
            var outside = new List<(string Article, double Evidence)>();
            foreach (var question in questions)
            {
                var ranking = engine.Rank(question.Question, CorpusScope.Global, 1, cancellationToken);
                var coverage = ranking.Passages.Count > 0 ? ranking.Passages[0].Quote.Evidence : double.MinValue;
                var quote = ranking.Passages.Count > 0 ? SquadAnswers.Normalize(ranking.Passages[0].Quote.Text) : "";
                var group = !indexed.Contains(question.Article) ? "outside"
                    : question.Answers.Any(a => SquadAnswers.Contains(quote, SquadAnswers.Normalize(a))) ? "answered" : "missed";
                if (group == "missed")
                {
                    missed.Add(coverage);
                }
                else
                {
                    (group == "outside" ? outside : answered).Add((question.Article, coverage));
                }
                if (features is not null && ranking.Passages.Count > 0 && ranking.Weights is { } weights)
                {
                    var top = ranking.Passages[0];
                    var inQuote = ChatBot.Search.Index.TextAnalysis.TermsOf(top.Quote.Text)
                        .Where(weights.Terms.ContainsKey).Select(t => weights.Terms[t].Group).ToHashSet();
                    var missing = Enumerable.Range(0, weights.GroupCount).Where(g => !inQuote.Contains(g)).Select(g => weights.GroupWeights[g]).DefaultIfEmpty(0).Max() / weights.Total;
                    features.WriteLine(string.Join('\t', group, question.Article, F(top.Quote.WindowCoverage), F(top.Quote.PassageCoverage), F(weights.UnseenShare), F(missing), inQuote.Count, weights.GroupCount, F(top.Bm25), F(top.Score), top.Quote.HoldsAnswer));
                }
            }

            Console.WriteLine($"{indexed.Count} of {titles.Count} articles indexed; {answered.Count} questions answered by the top quote, {missed.Count} not, {outside.Count} about articles not indexed");
            // Fitted on the questions of half of the articles (either group), tested on the other half: the
            // threshold that keeps at least 90% of the outside questions not confident on the fitting half and calls
            // the most answered questions confident.
            var fit = titles.Where((_, i) => i % 4 < 2).ToHashSet(StringComparer.Ordinal);
            static double Share(IEnumerable<(string Article, double Evidence)> items, Func<double, bool> test)
            {
                var list = items.ToList();
                return list.Count(i => test(i.Evidence)) / (double)Math.Max(1, list.Count);
            }

            Console.WriteLine("threshold  confident(answered)  confident(missed)  not-confident(outside)   (fitting half | test half)");
            var chosen = double.NaN;
            for (var t = 0.10; t <= 0.5001; t += 0.01)
            {
                var threshold = Math.Round(t, 2);
                var (fitAnswered, testAnswered) = (Share(answered.Where(a => fit.Contains(a.Article)), e => e >= threshold), Share(answered.Where(a => !fit.Contains(a.Article)), e => e >= threshold));
                var (fitOutside, testOutside) = (Share(outside.Where(a => fit.Contains(a.Article)), e => e < threshold), Share(outside.Where(a => !fit.Contains(a.Article)), e => e < threshold));
                var confidentMissed = missed.Count(e => e >= threshold) / (double)Math.Max(1, missed.Count);
                Console.WriteLine($"{threshold,9:F2}  {fitAnswered,8:F3} | {testAnswered,5:F3}  {confidentMissed,17:F3}  {fitOutside,13:F3} | {testOutside,5:F3}");
                if (double.IsNaN(chosen) && fitOutside >= 0.90)
                {
                    chosen = threshold;
                }
            }

            Console.WriteLine($"fitted threshold {chosen:F2}; the engine uses {AnswerEngine.ConfidentEvidence:F2}");
            return 0;
        }
    }

    private static string F(double value) => value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
}
