using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Search.Ranking;
using ChatBot.Search.Semantic;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Bench;

/// <summary>
/// Semantic matching on SQuAD: the passages embedded as the bot's background embedder does (waited for), the
/// mixing weight chosen on the questions of the even articles, and para@1 / hit@1 / hit@5 with and without it
/// on the odd ones; with what it costs per passage, per question and in memory.
/// </summary>
public static partial class SemanticBench
{
    private static readonly double[] Weights = [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.5, 2, 3];

    public static int Run(FileInfo squad, int sweep, FileInfo? dump, CancellationToken cancellationToken)
    {
        if (!squad.Exists)
        {
            Console.Error.WriteLine($"bench: {squad.FullName} does not exist");
            return 2;
        }

        var (questions, articles) = SquadAnswers.Read(squad.FullName);
        var (index, report) = BenchIndex.OfArticles(articles, cancellationToken, new SemanticOptions { Semantic = true });
        using (index)
        {
            Console.WriteLine($"indexed {report.SourceCount} articles, {report.PassageCount} passages in {report.Elapsed.TotalSeconds:F1} s; {Rss()}");
            if (sweep > 0)
            {
                Sweep(index, sweep, cancellationToken);
            }

            Embed(index, cancellationToken);
            var titles = articles.Keys.ToList();
            var tuning = questions.Where(q => titles.IndexOf(q.Article) % 2 == 0).ToList();
            var test = questions.Where(q => titles.IndexOf(q.Article) % 2 == 1).ToList();
            if (dump is not null)
            {
                CandidateDump.Write(index, questions, titles, dump.FullName, cancellationToken);
                Console.WriteLine($"wrote the candidates of {questions.Count} questions to {dump.FullName}");
            }

            var weight = Tune(index, tuning, cancellationToken);

            var corpus = index.Corpus;
            var lexical = new AnswerEngine(corpus.Index, corpus.Rows, corpus.Store.SourcePassages, index.Synonyms);
            var mixed = new AnswerEngine(corpus.Index, corpus.Rows, corpus.Store.SourcePassages, index.Synonyms, new SemanticReranker(corpus.Semantic, weight));
            Console.WriteLine($"test: {test.Count} questions of the other {titles.Count / 2} articles");
            var without = Score(lexical, test, cancellationToken);
            var with = Score(mixed, test, cancellationToken);
            Console.WriteLine($"  words alone         para@1 {without.Para1:F3}  hit@1 {without.Hit1:F3}  hit@5 {without.Hit5:F3}  {without.MsPerQuestion:F2} ms per question");
            Console.WriteLine($"  with meaning ({weight:F2})  para@1 {with.Para1:F3}  hit@1 {with.Hit1:F3}  hit@5 {with.Hit5:F3}  {with.MsPerQuestion:F2} ms per question");

            var query = new List<double>();
            foreach (var question in test)
            {
                var stopwatch = Stopwatch.StartNew();
                corpus.Semantic.Model().EmbedQuery(question.Question, cancellationToken);
                query.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            var times = Percentiles.Of(query);
            Console.WriteLine($"a question's embedding: p50 {times.P50:F2} ms, p99 {times.P99:F2} ms, max {times.Max:F2} ms; {Rss()}");
            return 0;
        }
    }

    /// <summary>Embeds every passage now, as the background embedder would, and prints what it cost.</summary>
    public static EmbeddingReport Embed(BenchIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var before = Rss();
        var load = Stopwatch.StartNew();
        var model = index.Corpus.Semantic.Model();
        Console.WriteLine($"model loaded in {load.Elapsed.TotalSeconds:F1} s (before: {before}; after: {Rss()})");
        var wall = Stopwatch.StartNew();
        var report = index.Corpus.Embedder.CatchUp(cancellationToken);
        Console.WriteLine(
            $"embedded {report.Embedded} passages in {wall.Elapsed.TotalSeconds:F1} s: {report.PassagesPerSecond:F1} passages/s, " +
            $"{report.ModelTime.TotalMilliseconds / Math.Max(1, report.Embedded):F1} ms and {(double)report.Tokens / Math.Max(1, report.Embedded):F0} tokens per passage " +
            $"(batch {model.Settings.BatchSize}, at most {model.Settings.MaxTokens} tokens, {model.Settings.Threads} thread); {Rss()}");
        return report;
    }

    /// <summary>The weight with the best hit@1 (then para@1) on <paramref name="questions"/>, from one ranking by words per question.</summary>
    private static double Tune(BenchIndex index, List<SquadQuestion> questions, CancellationToken cancellationToken)
    {
        var corpus = index.Corpus;
        var lexical = new AnswerEngine(corpus.Index, corpus.Rows, corpus.Store.SourcePassages, index.Synonyms);
        var hits = new int[Weights.Length];
        var paras = new int[Weights.Length];
        foreach (var question in questions)
        {
            var ranking = lexical.Rank(question.Question, CorpusScope.Global, AnswerEngine.RerankDepth, cancellationToken);
            var ranked = ranking.Passages;
            if (ranked.Count == 0)
            {
                continue;
            }

            var candidates = ranked.Select(r => new SemanticCandidate(r.Row.RowId, r.Row.GuildId)).ToList();
            var questionTerms = ranking.Query.Terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            var evidence = ranked.Select(r => AnswerEngine.MixEvidence(question.Question, r.Quote, ranking.Query, ranking.Weights!, questionTerms)).ToArray();
            var similarities = corpus.Reranker.Similarities(question.Question, candidates, cancellationToken) ?? new double?[candidates.Count];
            var answers = question.Answers.Select(SquadAnswers.Normalize).ToList();
            for (var w = 0; w < Weights.Length; w++)
            {
                var scores = SemanticReranker.Mix(evidence, similarities, Weights[w]);
                var top = ranked[Array.IndexOf(scores, scores.Max())];
                var quote = SquadAnswers.Normalize(top.Quote.Text);
                hits[w] += answers.Any(a => SquadAnswers.Contains(quote, a)) ? 1 : 0;
                paras[w] += IsGold(question, top.Row.Slug, top.Row.Locator) ? 1 : 0;
            }
        }

        Console.WriteLine($"tuning: {questions.Count} questions of half the articles (top passage of the 20 reranked, before source diversity)");
        var best = 0;
        for (var w = 0; w < Weights.Length; w++)
        {
            Console.WriteLine($"  weight {Weights[w]:F2}  para@1 {(double)paras[w] / questions.Count:F3}  hit@1 {(double)hits[w] / questions.Count:F3}");
            if (hits[w] > hits[best] || (hits[w] == hits[best] && paras[w] > paras[best]))
            {
                best = w;
            }
        }

        Console.WriteLine($"  chosen: {Weights[best]:F2}");
        return Weights[best];
    }

    private static (double Para1, double Hit1, double Hit5, double MsPerQuestion) Score(AnswerEngine engine, List<SquadQuestion> questions, CancellationToken cancellationToken)
    {
        int para1 = 0, hit1 = 0, hit5 = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var question in questions)
        {
            var answer = engine.Answer(new AnswerRequest(question.Question, CorpusScope.Global, Top: 5), cancellationToken);
            var answers = question.Answers.Select(SquadAnswers.Normalize).ToList();
            var first = answer.Results.Select((r, i) => (r, i)).FirstOrDefault(p => answers.Any(a => SquadAnswers.Contains(SquadAnswers.Normalize(p.r.Quote), a)));
            hit1 += first.r is not null && first.i == 0 ? 1 : 0;
            hit5 += first.r is not null ? 1 : 0;
            para1 += answer.Results.Count > 0 && IsGold(question, answer.Results[0].Citation.SourceId, answer.Results[0].Citation.Locator) ? 1 : 0;
        }

        var n = (double)questions.Count;
        return (para1 / n, hit1 / n, hit5 / n, stopwatch.Elapsed.TotalMilliseconds / n);
    }

    private static bool IsGold(SquadQuestion question, string slug, string locator)
    {
        var paragraph = Paragraph().Match(locator);
        return slug == SquadAnswers.Slug(question.Article) && paragraph.Success
               && int.Parse(paragraph.Groups[1].Value, CultureInfo.InvariantCulture) == question.Paragraph;
    }

    /// <summary>
    /// Passages per second of the model's settings on the first <paramref name="count"/> passages (by row id, in
    /// document order): order, batch size, token cap and graph optimisation. One thread each, no arena.
    /// </summary>
    private static void Sweep(BenchIndex index, int count, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        index.Corpus.Changes.ReadScope(0, (rows, _) => texts.AddRange(rows.OrderBy(r => r.RowId).Take(count).Select(r => r.Text)));
        (string Name, EmbeddingSettings Settings, bool Sorted)[] runs =
        [
            ("document order, batch 8", new EmbeddingSettings(), false),
            ("by length, batch 1", new EmbeddingSettings { BatchSize = 1 }, true),
            ("by length, batch 4", new EmbeddingSettings { BatchSize = 4 }, true),
            ("by length, batch 8", new EmbeddingSettings(), true),
            ("by length, batch 16", new EmbeddingSettings { BatchSize = 16 }, true),
            ("by length, batch 32", new EmbeddingSettings { BatchSize = 32 }, true),
            ("by length, batch 8, cap 128 tokens", new EmbeddingSettings { MaxTokens = 128 }, true),
            ("by length, batch 8, cap 512 tokens", new EmbeddingSettings { MaxTokens = 512 }, true),
            ("by length, batch 8, basic graph optimisation", new EmbeddingSettings { Optimization = GraphOptimizationLevel.ORT_ENABLE_BASIC }, true),
            ("by length, batch 8, no graph optimisation", new EmbeddingSettings { Optimization = GraphOptimizationLevel.ORT_DISABLE_ALL }, true),
            ("by length, batch 8, 2 threads", new EmbeddingSettings { Threads = 2 }, true),
        ];
        Console.WriteLine($"settings on {texts.Count} passages:");
        foreach (var (name, settings, sorted) in runs)
        {
            using var model = new EmbeddingModel(settings);
            model.EmbedPassages(texts.Take(settings.BatchSize).ToList(), cancellationToken);
            var stopwatch = Stopwatch.StartNew();
            if (sorted)
            {
                model.EmbedPassages(texts, cancellationToken);
            }
            else
            {
                foreach (var batch in texts.Chunk(settings.BatchSize))
                {
                    // Each chunk alone: the model sorts within what it is given, so document order stays.
                    model.EmbedPassages(batch, cancellationToken);
                }
            }

            Console.WriteLine($"  {name,-46} {texts.Count / stopwatch.Elapsed.TotalSeconds,6:F1} passages/s; {Rss()}");
        }
    }

    private static string Rss()
    {
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        string Field(string key) => status.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?[key.Length..].Trim() ?? "?";
        return $"RSS {Field("VmRSS:")}, peak {Field("VmHWM:")}";
    }

    [GeneratedRegex(@"¶ (\d+)")]
    private static partial Regex Paragraph();
}
