using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Search.Ranking;

namespace ChatBot.Bench;

/// <summary>
/// Fits the answer-span weights (<see cref="AnswerSpanWeights"/>) on the top quotes that <c>quality --dump-spans</c>
/// wrote: for each kind, a softmax over each question's candidates (a candidate is right when it overlaps a gold
/// answer, the quality bench's rule), fitted on the even articles and reported on the odd ones and the other way
/// round, then fitted on all of them and written out as the weights table. The how-many weights are fitted on the
/// how-much questions as well.
/// </summary>
public static class SpanWeightsBench
{
    // The L2 penalty: of 0.002, 0.005, 0.01 and 0.02, 0.005 scored best held out with the number shapes
    // (0.599, 0.603, 0.601, 0.600 on the dump of the README's figures; 0.02 had been best before them).
    private const double L2 = 0.005;
    private const int Iterations = 600;

    // The how-many weights are fitted on the how-much questions too, which share their shapes: held out 0.605
    // against 0.601 apart. The how-much weights stay their own (fitted with the how-many ones they scored 0.620 on
    // the how-much questions against 0.710, the same held out).

    public static int Run(FileInfo dump, FileInfo? output)
    {
        if (!dump.Exists)
        {
            Console.Error.WriteLine($"bench: {dump.FullName} does not exist");
            return 2;
        }

        var questions = Read(dump.FullName);
        Console.WriteLine($"{questions.Count} typed questions, {questions.Sum(q => q.Features.Length)} candidates, {AnswerFeatures.Count} features");
        var kinds = questions.Select(q => q.Kind).Distinct().Order().ToList();
        var fitted = new Dictionary<AnswerKind, double[]>();
        int heldOut = 0, committed = 0, all = 0, reachable = 0, total = questions.Count;
        foreach (var kind in kinds)
        {
            var ofKind = questions.Where(q => q.Kind == kind).ToList();
            var even = ofKind.Where(q => q.Article % 2 == 0).ToList();
            var odd = ofKind.Where(q => q.Article % 2 == 1).ToList();
            var extra = questions.Where(q => kind == AnswerKind.Number && q.Kind == AnswerKind.Amount).ToList();
            var onOdd = Right(odd, Fit([.. even, .. extra.Where(q => q.Article % 2 == 0)]));
            var onEven = Right(even, Fit([.. odd, .. extra.Where(q => q.Article % 2 == 1)]));
            var weights = Fit([.. ofKind, .. extra]);
            fitted[kind] = weights;
            // A table written before features were added scores them at zero.
            var committedTable = AnswerSpanWeights.For(kind).ToArray();
            Array.Resize(ref committedTable, AnswerFeatures.Count);
            var now = Right(ofKind, committedTable);
            var ceiling = ofKind.Count(q => q.Labels.Any(l => l));
            heldOut += onOdd + onEven;
            committed += now;
            all += Right(ofKind, weights);
            reachable += ceiling;
            Console.WriteLine(
                $"  {kind,-7} {ofKind.Count,5} questions: a right candidate {(double)ceiling / ofKind.Count:F3}; held out: odd {(double)onOdd / Math.Max(1, odd.Count):F3} " +
                $"(fit on even), even {(double)onEven / Math.Max(1, even.Count):F3} (fit on odd); fit on all {(double)Right(ofKind, weights) / ofKind.Count:F3}; " +
                $"committed weights {(double)now / ofKind.Count:F3}");
        }

        Console.WriteLine($"a right candidate (the most a choice can reach): {(double)reachable / total:F3}");
        Console.WriteLine($"held out (each half scored by the weights fitted on the other): {(double)heldOut / total:F3}; fit on all: {(double)all / total:F3}; committed weights: {(double)committed / total:F3}");
        if (output is not null)
        {
            File.WriteAllText(output.FullName, Source(fitted));
            Console.WriteLine($"wrote {output.FullName}");
        }

        return 0;
    }

    private sealed record Question(AnswerKind Kind, int Article, double[][] Features, bool[] Labels);

    private static List<Question> Read(string path)
    {
        var articles = new Dictionary<string, int>(StringComparer.Ordinal);
        var questions = new List<Question>();
        foreach (var line in File.ReadLines(path))
        {
            using var row = JsonDocument.Parse(line);
            var r = row.RootElement;
            var article = r.GetProperty("Article").GetString()!;
            if (!articles.TryGetValue(article, out var index))
            {
                articles[article] = index = articles.Count;
            }

            var kind = Enum.Parse<AnswerKind>(r.GetProperty("Kind").GetString()!);
            var quote = r.GetProperty("Quote").GetString()!;
            var highlights = r.GetProperty("Highlights").EnumerateArray().Select(h => new TextRange(h[0].GetInt32(), h[1].GetInt32())).ToList();
            var questionTerms = r.GetProperty("QuestionTerms").EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal);
            Dictionary<string, (int, double)>? terms = r.GetProperty("Weights").ValueKind == JsonValueKind.Object
                ? r.GetProperty("Weights").EnumerateObject().ToDictionary(p => p.Name, p => (p.Value[0].GetInt32(), p.Value[1].GetDouble()), StringComparer.Ordinal)
                : null;
            var gold = r.GetProperty("Gold").EnumerateArray().Select(g => SquadAnswers.Normalize(g.GetString()!)).ToList();
            var question = r.GetProperty("Question").GetString()!;
            if (highlights.Count == 0)
            {
                questions.Add(new Question(kind, index, [], []));
                continue;
            }

            var (context, candidates) = AnswerSpans.Candidates(question, quote, kind, highlights, questionTerms, terms);
            var features = new double[candidates.Count][];
            var labels = new bool[candidates.Count];
            for (var c = 0; c < candidates.Count; c++)
            {
                features[c] = new double[AnswerFeatures.Count];
                AnswerFeatures.Fill(context, candidates[c], features[c]);

                var text = SquadAnswers.Normalize(quote[candidates[c].Start..candidates[c].End]);
                labels[c] = gold.Any(g => SquadAnswers.Overlaps(text, g));
            }

            questions.Add(new Question(kind, index, features, labels));
        }

        return questions;
    }

    /// <summary>How many questions the candidate with the highest score is right for (the first of equal scores, as Find takes).</summary>
    private static int Right(List<Question> questions, double[] weights)
    {
        var right = 0;
        foreach (var q in questions)
        {
            var (best, bestScore) = (-1, double.MinValue);
            for (var c = 0; c < q.Features.Length; c++)
            {
                var score = AnswerSpans.Score(q.Features[c], weights);
                if (score > bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            right += best >= 0 && q.Labels[best] ? 1 : 0;
        }

        return right;
    }

    /// <summary>
    /// Maximises the mean log-probability of the right candidates of each question under a softmax of the scores,
    /// with an L2 penalty, by full-batch gradient descent with Adam's step sizes from zero weights: deterministic.
    /// </summary>
    private static double[] Fit(List<Question> questions)
    {
        var d = AnswerFeatures.Count;
        var w = new double[d];
        var m = new double[d];
        var v = new double[d];
        var usable = questions.Where(q => q.Labels.Any(l => l) && q.Labels.Any(l => !l)).ToList();
        if (usable.Count == 0)
        {
            return w;
        }

        var gradient = new double[d];
        for (var t = 1; t <= Iterations; t++)
        {
            Array.Clear(gradient);
            foreach (var q in usable)
            {
                var scores = q.Features.Select(f => Dot(f, w)).ToArray();
                var max = scores.Max();
                var p = scores.Select(s => Math.Exp(s - max)).ToArray();
                var sum = p.Sum();
                var right = p.Where((_, c) => q.Labels[c]).Sum();
                for (var c = 0; c < p.Length; c++)
                {
                    // d(−log Σright p)/d score_c = p_c − (right ? p_c / Σright p : 0), with p normalised.
                    var g = (p[c] / sum) - (q.Labels[c] ? p[c] / right : 0);
                    if (g != 0)
                    {
                        for (var i = 0; i < d; i++)
                        {
                            gradient[i] += g * q.Features[c][i];
                        }
                    }
                }
            }

            for (var i = 0; i < d; i++)
            {
                var g = (gradient[i] / usable.Count) + (L2 * w[i]);
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                var mHat = m[i] / (1 - Math.Pow(0.9, t));
                var vHat = v[i] / (1 - Math.Pow(0.999, t));
                w[i] -= 0.05 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }

        return w;
    }

    private static double Dot(double[] f, double[] w)
    {
        var s = 0.0;
        for (var i = 0; i < f.Length; i++)
        {
            s += f[i] * w[i];
        }

        return s;
    }

    private static string Source(Dictionary<AnswerKind, double[]> fitted)
    {
        var sb = new StringBuilder();
        sb.Append("using ChatBot.Core;\n\nnamespace ChatBot.Search.Ranking;\n\n")
            .Append("/// <summary>\n")
            .Append("/// The weights of the answer-span features (<see cref=\"AnswerFeatures.Names\"/>, in that order) per kind of question,\n")
            .Append("/// fitted on the typed questions of the visible SQuAD set by a softmax over each question's candidates. Written by\n")
            .Append("/// <c>ChatBot.Bench quality ../shared/eval/squad-visible.json --dump-spans spans.jsonl</c> and then\n")
            .Append("/// <c>ChatBot.Bench span-weights spans.jsonl --out src/ChatBot.Search/Ranking/AnswerSpanWeights.cs</c>; do not edit by hand.\n")
            .Append("/// </summary>\n")
            .Append("public static class AnswerSpanWeights\n{\n");
        foreach (var (kind, weights) in fitted.OrderBy(k => k.Key))
        {
            sb.Append("    private static readonly double[] ").Append(kind).Append(" =\n    [\n");
            for (var i = 0; i < weights.Length; i++)
            {
                sb.Append("        ").Append(weights[i].ToString("0.####", CultureInfo.InvariantCulture)).Append(", // ").Append(AnswerFeatures.Names[i]).Append('\n');
            }

            sb.Append("    ];\n\n");
        }

        sb.Append("    private static readonly double[] NoWeights = new double[AnswerFeatures.Count];\n\n")
            .Append("    /// <summary>The weights for questions of <paramref name=\"kind\"/> (all zero for a kind without any).</summary>\n")
            .Append("    public static ReadOnlySpan<double> For(AnswerKind kind) => kind switch\n    {\n");
        foreach (var kind in fitted.Keys.Order())
        {
            sb.Append("        AnswerKind.").Append(kind).Append(" => ").Append(kind).Append(",\n");
        }

        sb.Append("        _ => NoWeights,\n    };\n}\n");
        return sb.ToString();
    }
}
