using System.Globalization;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Search.Ranking;

namespace ChatBot.Bench;

/// <summary>
/// Writes, for every SQuAD question, its first-stage candidates (the lexical reranking of the top
/// <see cref="Depth"/>) with what ranking could use: BM25, the lexical score, the coverages, whether the best
/// sentence holds an answer of the kind asked, the cosine similarity to the question, and whether the quote, the
/// passage and the paragraph are right, and the passage's text (for features a script computes from it). JSON
/// lines, one question each, for fitting a mix offline on one half of the articles and checking it on the other.
/// </summary>
public static class CandidateDump
{
    public const int Depth = 30;

    public static void Write(BenchIndex index, IReadOnlyList<SquadQuestion> questions, List<string> titles, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(titles);
        var corpus = index.Corpus;
        var lexical = new AnswerEngine(corpus.Index, corpus.Rows, corpus.Store.SourcePassages, index.Synonyms);
        using var writer = new StreamWriter(path);
        foreach (var question in questions)
        {
            var ranking = lexical.Rank(question.Question, CorpusScope.Global, Depth, cancellationToken);
            var ranked = ranking.Passages;
            var candidates = ranked.Select(r => new Search.Semantic.SemanticCandidate(r.Row.RowId, r.Row.GuildId)).ToList();
            var cosines = corpus.Reranker.Similarities(question.Question, candidates, cancellationToken) ?? new double?[candidates.Count];
            var answers = question.Answers.Select(SquadAnswers.Normalize).Where(a => a.Length > 0).ToList();
            var gold = SquadAnswers.Slug(question.Article);
            var rows = ranked.Select((r, i) => new
            {
                source = r.Row.Slug,
                gold = r.Row.Slug == gold && ParagraphOf(r.Row.Locator) == question.Paragraph,
                bm25 = r.Bm25,
                score = r.Score,
                window = r.Quote.WindowCoverage,
                passage = r.Quote.PassageCoverage,
                holds = r.Quote.HoldsAnswer,
                missing = r.Quote.Missing,
                pairs = r.Quote.Pairs,
                span = SpanScore(question.Question, r.Quote, ranking),
                cosine = cosines[i],
                hit = Holds(r.Quote.Text, answers),
                inPassage = Holds(r.Row.Text, answers),
                quoteLength = r.Quote.Text.Length,
                passageLength = r.Row.Text.Length,
                quoteStart = r.Quote.Start,
                text = r.Row.Text,
                sentences = ranking.Weights is { } weights ? Sentences(r.Row.Text, weights, answers) : [],
            });
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                article = titles.IndexOf(question.Article),
                question = question.Question,
                kind = AnswerKinds.Classify(question.Question).ToString(),
                unseen = ranking.Weights?.UnseenShare ?? 0,
                candidates = rows,
            }));
        }
    }

    /// <summary>Each sentence of a passage: start, end, the share of the question it covers, whether it holds a candidate answer of the kind asked, whether it holds a gold answer.</summary>
    private static List<object[]> Sentences(string text, QuestionWeights weights, List<string> answers)
    {
        var sentences = new List<object[]>();
        foreach (var sentence in Search.Text.SentenceSplitter.Split(text))
        {
            var part = text[sentence.Start..sentence.End];
            var best = new Dictionary<int, double>();
            foreach (var token in Search.Index.TextAnalysis.Analyze(part))
            {
                if (weights.Terms.TryGetValue(token.Term, out var term) && term.Weight > best.GetValueOrDefault(term.Group))
                {
                    best[term.Group] = term.Weight;
                }
            }

            sentences.Add([sentence.Start, sentence.End, Math.Round(best.Values.Sum() / weights.Total, 4),
                AnswerSpans.HasCandidate(part, weights.Kind, weights.QuestionTerms), Holds(part, answers)]);
        }

        return sentences;
    }

    /// <summary>The score of the quote's likeliest answer (what AnswerEngine.SpanWeight weighs), null when it has none.</summary>
    private static double? SpanScore(string question, SelectedQuote quote, Ranking ranking)
    {
        var questionTerms = ranking.Query.Terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        return AnswerSpans.Best(question, quote.Text, AnswerSpans.Classify(question), quote.Highlights, questionTerms, ranking.Query, ranking.Weights)?.Score is { } score
            ? Math.Round(score, 4)
            : null;
    }

    private static bool Holds(string text, List<string> answers)
    {
        var normalized = SquadAnswers.Normalize(text);
        return answers.Any(a => normalized.Contains(a, StringComparison.Ordinal));
    }

    private static int ParagraphOf(string locator)
    {
        var mark = locator.IndexOf('¶', StringComparison.Ordinal);
        if (mark < 0)
        {
            return -1;
        }

        var digits = new string([.. locator[(mark + 1)..].SkipWhile(c => c == ' ').TakeWhile(char.IsAsciiDigit)]);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }
}
