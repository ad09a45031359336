using System.Text.Json;
using ChatBot.Core;
using ChatBot.Search.Ranking;
using Ranking = ChatBot.Search.Ranking.Ranking;

namespace ChatBot.Bench;

/// <summary>
/// How often the answer marked in the top quote overlaps a gold answer, per kind of question, beside how often the
/// top quote holds a gold answer at all (the most a span rule could reach); optionally each typed question's
/// quote, marked span and gold answers as JSON lines, for studying the misses.
/// </summary>
public sealed class SpanTally(FileInfo? dump) : IDisposable
{
    private readonly StreamWriter? writer = dump is null ? null : new StreamWriter(dump.FullName);
    private readonly Dictionary<AnswerKind, int[]> counts = [];

    public int Typed { get; private set; }

    public int Marked { get; private set; }

    public int Overlapping { get; private set; }

    /// <summary>The words of all marked answers, for their mean length.</summary>
    public int MarkedWords { get; private set; }

    public void Add(SquadQuestion question, Answer answer, IReadOnlyList<string> normalizedAnswers, Func<Ranking> ranking)
    {
        var kind = AnswerSpans.Classify(question.Question);
        if (kind == AnswerKind.None)
        {
            return;
        }

        Typed++;
        var top = answer.Results.Count > 0 ? answer.Results[0] : null;
        var span = top?.Answer;
        var inQuote = top is not null && normalizedAnswers.Any(a => SquadAnswers.Contains(SquadAnswers.Normalize(top.Quote), a));
        var overlaps = span is not null && normalizedAnswers.Any(a => SquadAnswers.Overlaps(SquadAnswers.Normalize(span.Text), a));
        Marked += span is null ? 0 : 1;
        MarkedWords += span is null ? 0 : span.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Overlapping += overlaps ? 1 : 0;
        if (!counts.TryGetValue(kind, out var c))
        {
            counts[kind] = c = new int[3];
        }

        c[0]++;
        c[1] += inQuote ? 1 : 0;
        c[2] += overlaps ? 1 : 0;
        if (writer is not null && top is not null)
        {
            var ranked = ranking();
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                question.Question,
                question.Article,
                Kind = kind.ToString(),
                Gold = question.Answers,
                InQuote = inQuote,
                Overlaps = overlaps,
                Marked = span?.Text,
                top.Quote,
                Highlights = top.Highlights.Select(h => new[] { h.Start, h.End }),
                Sentences = ChatBot.Search.Text.SentenceSplitter.Split(top.Quote).Select(r => new[] { r.Start, r.End }),
                Tokens = ChatBot.Search.Index.TextAnalysis.Analyze(top.Quote).Select(t => new object[] { t.Term, t.Start, t.End }),
                QuestionTerms = ranked.Query.Terms.Select(t => t.Term).Distinct(),
                Weights = ranked.Weights?.Terms.ToDictionary(t => t.Key, t => new object[] { t.Value.Group, t.Value.Weight }),
            }));
        }
    }

    public void Print()
    {
        Console.WriteLine(
            $"answer spans: {Typed} who/when/where/how-many/how-much questions, {Marked} with a marked answer in the top quote, " +
            $"{(double)Overlapping / Math.Max(1, Typed):F3} of them overlapping a gold answer ({(double)Overlapping / Math.Max(1, Marked):F3} of those marked); marked answers {(double)MarkedWords / Math.Max(1, Marked):F2} words long on average");
        foreach (var (kind, c) in counts.OrderBy(k => k.Key))
        {
            Console.WriteLine($"  {kind,-7} {c[0],5} questions: gold answer in the top quote {(double)c[1] / c[0]:F3}, marked span overlaps it {(double)c[2] / c[0]:F3}");
        }
    }

    public void Dispose() => writer?.Dispose();
}
