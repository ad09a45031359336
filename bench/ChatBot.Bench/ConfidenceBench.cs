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
    public static int Run(FileInfo squad, CancellationToken cancellationToken)
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

            var answered = new List<double>();
            var missed = new List<double>();
            var outside = new List<double>();
            foreach (var question in questions)
            {
                var ranking = engine.Rank(question.Question, CorpusScope.Global, 1, cancellationToken);
                var coverage = ranking.Passages.Count > 0 ? ranking.Passages[0].Quote.WindowCoverage : 0;
                if (!indexed.Contains(question.Article))
                {
                    outside.Add(coverage);
                    continue;
                }

                var quote = ranking.Passages.Count > 0 ? SquadAnswers.Normalize(ranking.Passages[0].Quote.Text) : "";
                (question.Answers.Any(a => SquadAnswers.Contains(quote, SquadAnswers.Normalize(a))) ? answered : missed).Add(coverage);
            }

            Console.WriteLine($"{indexed.Count} of {titles.Count} articles indexed; {answered.Count} questions answered by the top quote, {missed.Count} not, {outside.Count} about articles not indexed");
            Console.WriteLine("threshold  confident(answered)  confident(missed)  not-confident(outside)  balanced");
            var best = (Threshold: 0.0, Balanced: 0.0);
            for (var t = 0.0; t <= 1.0001; t += 0.05)
            {
                var threshold = Math.Round(t, 2);
                var tpr = answered.Count(c => c >= threshold) / (double)answered.Count;
                var fpr = missed.Count(c => c >= threshold) / (double)Math.Max(1, missed.Count);
                var tnr = outside.Count(c => c < threshold) / (double)outside.Count;
                var balanced = (tpr + tnr) / 2;
                Console.WriteLine($"{threshold,9:F2}  {tpr,19:F3}  {fpr,17:F3}  {tnr,22:F3}  {balanced,8:F3}");
                if (balanced > best.Balanced)
                {
                    best = (threshold, balanced);
                }
            }

            Console.WriteLine($"best threshold {best.Threshold:F2} (balanced accuracy {best.Balanced:F3}); the engine uses {AnswerEngine.ConfidentCoverage:F2}");
            return 0;
        }
    }
}
