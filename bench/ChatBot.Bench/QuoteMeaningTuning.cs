using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search.Ranking;
using ChatBot.Search.Semantic;

namespace ChatBot.Bench;

/// <summary>
/// The weight of meaning in the choice of quotes (<see cref="SemanticReranker.QuoteWeight"/>): chosen by hit@1
/// (then hit@5) of the top five quotes on the questions of the even articles, the sentences' similarities computed
/// once per question as the answer engine computes them; then hit@1 / hit@5 and the time per question of whole
/// answers on the odd articles, without it and with it.
/// </summary>
public static class QuoteMeaningTuning
{
    private static readonly double[] Weights = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6];

    public static double Run(BenchIndex index, double rankWeight, List<SquadQuestion> tuning, List<SquadQuestion> test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(tuning);
        ArgumentNullException.ThrowIfNull(test);
        var corpus = index.Corpus;
        var byWords = new SemanticReranker(corpus.Semantic, rankWeight, quoteWeight: 0);
        var engine = new AnswerEngine(corpus.Index, corpus.Rows, corpus.Store.SourcePassages, index.Synonyms, byWords);
        var model = corpus.Semantic.Model();
        var hit1 = new int[Weights.Length];
        var hit5 = new int[Weights.Length];
        var embedding = new List<double>();
        var seen = 0;
        foreach (var question in tuning)
        {
            if (++seen % 500 == 0)
            {
                Console.WriteLine($"  {seen} questions, sentences embedded in {embedding.Average():F1} ms per question");
            }

            var ranking = engine.Rank(question.Question, CorpusScope.Global, 5, cancellationToken);
            if (ranking.Weights is not { } weights || ranking.Passages.Count == 0)
            {
                continue;
            }

            var top = ranking.Passages.Take(QuoteMeaning.Passages).ToList();
            var query = model.EmbedQuery(question.Question, cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            var similarities = QuoteMeaning.Similarities(top, byWords, query, cancellationToken);
            embedding.Add(stopwatch.Elapsed.TotalMilliseconds);
            var answers = question.Answers.Select(SquadAnswers.Normalize).ToList();
            for (var w = 0; w < Weights.Length; w++)
            {
                var first = -1;
                for (var i = 0; i < top.Count && first < 0; i++)
                {
                    var quote = similarities?[i] is { } sentences && Weights[w] > 0
                        ? QuoteSelector.Select(top[i].Row.Text, top[i].Row.Tokens, weights, new SentenceMeaning(sentences, Weights[w])).Text
                        : top[i].Quote.Text;
                    first = answers.Any(a => SquadAnswers.Contains(SquadAnswers.Normalize(quote), a)) ? i : -1;
                }

                hit1[w] += first == 0 ? 1 : 0;
                hit5[w] += first >= 0 || Hit(ranking.Passages.Skip(top.Count).Take(5 - top.Count), answers) ? 1 : 0;
            }
        }

        var times = Percentiles.Of(embedding);
        Console.WriteLine($"quotes by meaning, tuning: {tuning.Count} questions of half the articles (top {QuoteMeaning.Passages} quotes); " +
            $"their sentences embedded in p50 {times.P50:F1} ms, p99 {times.P99:F1} ms per question");
        var best = 0;
        for (var w = 0; w < Weights.Length; w++)
        {
            Console.WriteLine($"  quote weight {Weights[w]:F2}  hit@1 {(double)hit1[w] / tuning.Count:F3}  hit@5 {(double)hit5[w] / tuning.Count:F3}");
            if (hit1[w] > hit1[best] || (hit1[w] == hit1[best] && hit5[w] > hit5[best]))
            {
                best = w;
            }
        }

        Console.WriteLine($"  chosen: {Weights[best]:F2}");
        Console.WriteLine($"quotes by meaning, test: {test.Count} questions of the other articles (whole answers)");
        foreach (var weight in new[] { 0, Weights[best] }.Distinct())
        {
            var answering = new AnswerEngine(corpus.Index, corpus.Rows, corpus.Store.SourcePassages, index.Synonyms, new SemanticReranker(corpus.Semantic, rankWeight, weight));
            var (h1, h5, ms) = Score(answering, test, cancellationToken);
            Console.WriteLine($"  quote weight {weight:F2}  hit@1 {h1:F3}  hit@5 {h5:F3}  {ms:F2} ms per question");
        }

        return Weights[best];
    }

    private static bool Hit(IEnumerable<RankedPassage> passages, List<string> answers)
        => passages.Any(p => answers.Any(a => SquadAnswers.Contains(SquadAnswers.Normalize(p.Quote.Text), a)));

    private static (double Hit1, double Hit5, double MsPerQuestion) Score(AnswerEngine engine, List<SquadQuestion> questions, CancellationToken cancellationToken)
    {
        int hit1 = 0, hit5 = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var question in questions)
        {
            var answer = engine.Answer(new AnswerRequest(question.Question, CorpusScope.Global, Top: 5), cancellationToken);
            var answers = question.Answers.Select(SquadAnswers.Normalize).ToList();
            var first = answer.Results.Select((r, i) => (r, i)).FirstOrDefault(p => answers.Any(a => SquadAnswers.Contains(SquadAnswers.Normalize(p.r.Quote), a)));
            hit1 += first.r is not null && first.i == 0 ? 1 : 0;
            hit5 += first.r is not null ? 1 : 0;
        }

        var n = (double)questions.Count;
        return (hit1 / n, hit5 / n, stopwatch.Elapsed.TotalMilliseconds / n);
    }
}
