using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;
using ChatBot.Search.Semantic;
using ChatBot.Search.Store;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Answers a question: parse and expand it over the asker's corpus, take the best passages by BM25 from the
/// search index, rerank them by how well their best quote covers the question, select quotes, and judge
/// whether the corpus answers at all. With a <see cref="SemanticReranker"/>, the reranked scores are mixed with
/// the meaning of the question and of the passages that have embeddings.
/// </summary>
public sealed class AnswerEngine(
    ISearchIndex index, IPassageRows passages, ISourcePassages sources, SynonymSource? synonyms = null, SemanticReranker? semantic = null) : IAnswerService
{
    /// <summary>How many first-stage passages are reranked.</summary>
    public const int RerankDepth = 20;

    /// <summary>
    /// How many passages nearest the question in meaning join the reranked ones when the words did not find them
    /// (with semantic matching on): the rerank's ceiling is what its candidates hold. Chosen on the even SQuAD
    /// articles (ChatBot.Bench quality, README, Measurements).
    /// </summary>
    public const int MeaningDepth = 3;

    /// <summary>
    /// How many of a question's words, the most informative first, find the first-stage passages (the rest still
    /// count in the reranking): a long question's weakest words only cost time there (ChatBot.Bench quality on
    /// SQuAD is unchanged, its speed p99 falls).
    /// </summary>
    public const int MatchedWords = 10;

    /// <summary>
    /// Added to the score of a passage whose best sentence holds a candidate answer of the kind the question asks
    /// for (a date for "when", a name for "who"): ChatBot.Bench quality on SQuAD, hit@1 +0.5 points.
    /// </summary>
    public const double AnswerBoost = 0.15;

    /// <summary>Share of the final score that comes from the quote's coverage of the question (the rest is BM25).</summary>
    public const double CoverageShare = 0.5;

    /// <summary>How close a passage from a less represented source must score to move up (see <see cref="Diversify"/>).</summary>
    public const double DiversityMargin = 0.05;

    /// <summary>
    /// How many passages' worth of vocabulary a corpus needs before an ordinary word it lacks counts fully as
    /// missing: such a word weighs N / (N + this) of the most a word can in a corpus of N passages (SQuAD's halves,
    /// 650 passages: 0.93; the bundled corpus, 13: 0.21). A prior, not fitted (SQuAD's halves all have about the
    /// same size); ChatBot.Bench confidence shows it changes nothing there (README).
    /// </summary>
    public const double UnseenWordPrior = 50;

    /// <summary>
    /// The top quote's evidence (<see cref="SelectedQuote.Evidence"/>) must reach this to count as an answer.
    /// Derived from data by <c>ChatBot.Bench confidence</c>: on SQuAD with half of the articles indexed, the
    /// smallest threshold that keeps 92% of the questions about the articles left out not confident on the fitting
    /// half (the 90% target with room for the other half); on the test half it calls 97% of the questions the top
    /// quote answers confident and 90.6% of the questions about the articles left out not confident.
    /// </summary>
    public const double ConfidentEvidence = 0.24;

    /// <summary>
    /// With meaning, the top passage's similarity to the question weighs in the confidence rule too: a passage the
    /// meaning put first may answer in other words than the question's, and a question about something else finds
    /// nothing near it in meaning. Fitted like <see cref="ConfidentEvidence"/> by <c>ChatBot.Bench confidence
    /// --semantic</c> (the weight that calls the most answered questions confident on the fitting half, the threshold
    /// that keeps 92% of the questions about the articles left out not confident there): on the test half it calls
    /// 97.1% of the questions the top quote answers confident and 94.5% of those about the articles left out not
    /// confident, where the evidence alone (0.24) read 94.5% and 92.5% of the same ranking.
    /// </summary>
    public const double MeaningConfidenceWeight = 2;

    /// <summary>What <see cref="Confidence"/> must reach for a passage ranked with meaning (see <see cref="MeaningConfidenceWeight"/>).</summary>
    public const double ConfidentWithMeaning = 1.43;

    public ValueTask<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken)
        => ValueTask.FromResult(Answer(request, cancellationToken));

    public Answer Answer(AnswerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var top = Math.Clamp(request.Top, 1, AnswerRequest.MaxTop);
        var skip = Math.Max(0, request.Skip);
        var ranking = Rank(request.Question, request.Scope, skip + top, cancellationToken, request.Kind);
        var ranked = ranking.Passages;
        if (ranked.Count == 0)
        {
            return Core.Answer.Empty(request.Question, stopwatch.Elapsed) with { MatchingPassages = ranking.MatchedPassages };
        }

        var confident = IsConfident(ranked[0]);
        var kind = AnswerSpans.Classify(request.Question);
        var questionTerms = ranking.Query.Terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var page = ranked.Skip(skip).Take(top).ToList();
        var results = page.Select((r, i) => new RankedQuote(
            skip + i + 1,
            Math.Round(r.Score, 4),
            r.Quote.Text,
            r.Quote.Highlights,
            r.Row.ToCitation(),
            AnswerSpans.Find(request.Question, r.Quote.Text, kind, r.Quote.Highlights, questionTerms, ranking.Query, ranking.Weights))).ToList();
        return new Answer(request.Question, confident, results, ranking.MatchedPassages, stopwatch.Elapsed)
        {
            Claims = confident ? Claims(results, [.. page.Select(r => IsStrong(r, ranked[0]))]) : [],
            AlsoSearched = AlsoSearched(ranking.Query, results),
        };
    }

    /// <summary>
    /// The passages for a question in ranked order, at least <paramref name="depth"/> of them when the corpus has
    /// them, with the evidence that ranked them: for answers, benchmarks and diagnostics. With <paramref name="kind"/>,
    /// only passages of sources of that kind are candidates; every statistic is still the whole scope's, so a
    /// passage ranks as it would without the filter.
    /// </summary>
    public Ranking Rank(string question, CorpusScope scope, int depth, CancellationToken cancellationToken, SourceKind? kind = null)
    {
        SourceSelection? only = null;
        if (kind is { } wanted)
        {
            var (bundled, server) = sources.OfKind(scope, wanted);
            only = new SourceSelection(bundled, server);
        }

        using var search = index.Open(scope);
        var query = QueryExpander.Expand(QueryParser.Parse(question), search, (synonyms ?? SynonymSource.None).Current);
        var documentCount = search.DocumentCount;
        var terms = new Dictionary<string, (int Group, double Weight)>(StringComparer.Ordinal);
        var groupWeight = new double[query.GroupCount];
        var groups = new List<(TermGroup Group, double Weight)>();
        foreach (var byGroup in query.Terms.GroupBy(t => t.Group))
        {
            var members = new List<WeightedTerm>();
            foreach (var term in byGroup)
            {
                var frequency = search.DocumentFrequency(term.Term);
                if (frequency == 0)
                {
                    continue;
                }

                members.Add(new WeightedTerm(term.Term, term.Weight));
                var weight = term.Weight * Bm25.Idf(frequency, documentCount);
                terms[term.Term] = (term.Group, weight);
                groupWeight[term.Group] = Math.Max(groupWeight[term.Group], weight);
            }

            if (members.Count > 0)
            {
                groups.Add((new TermGroup(members), groupWeight[byGroup.Key]));
            }
        }

        if (groups.Count == 0)
        {
            return new Ranking(query, [], 0);
        }

        // The most informative words find the candidates; every word of the question ranks them.
        var matched = groups.OrderByDescending(g => g.Weight).Take(MatchedWords).Select(g => g.Group).ToList();
        var first = search.Search(matched, Math.Max(RerankDepth, depth), only, cancellationToken);
        var rows = passages.Load([.. first.Hits.Select(h => h.RowId)]);

        // A question word the corpus has never seen is as informative as a word can be, and it is missing; but a
        // small corpus has a small vocabulary, so an ordinary word it lacks ("view", "article") says less there
        // than a name or a number it lacks ("World Cup", "1986").
        // And a word of the corpus that a quote lacks can say no more than the same word lacking from the whole
        // corpus would: in a small corpus one passage with "placed its bets" makes "place" rarer than "coup" in a
        // corpus about the coup, but lacking "place" says no more than lacking "view", which the corpus has never
        // seen. (In a corpus of hundreds of passages no seen word's idf reaches that bound.) A word the corpus
        // lacks but spells closely ("bread", "break") keeps what its spelling weighs: the asker may mean it.
        var unseenWeight = Bm25.Idf(0, documentCount);
        var unseen = 0.0;
        var missingWeight = new double[groupWeight.Length];
        var words = new QueryTerm?[groupWeight.Length];
        foreach (var term in query.Terms)
        {
            words[term.Group] ??= term;
        }

        for (var g = 0; g < groupWeight.Length; g++)
        {
            var word = words[g]!;
            var mostTelling = unseenWeight * word.Weight * (IsName(question, word.Surface) ? 1 : (double)documentCount / (documentCount + UnseenWordPrior));
            if (groupWeight[g] == 0)
            {
                groupWeight[g] = mostTelling;
                unseen += groupWeight[g];
            }

            missingWeight[g] = terms.ContainsKey(word.Term) ? Math.Min(groupWeight[g], mostTelling) : groupWeight[g];
        }

        var weights = new QuestionWeights(terms, groupWeight, AnswerSpans.Classify(question), unseen) { DocumentCount = documentCount, MissingWeights = missingWeight };
        var maxScore = first.Hits.Count > 0 ? first.Hits.Max(c => c.Score) : 1;
        var ranked = new List<RankedPassage>();
        foreach (var hit in first.Hits)
        {
            if (!rows.TryGetValue(hit.RowId, out var row))
            {
                continue;
            }

            var quote = QuoteSelector.Select(row.Text, row.Tokens, weights);
            ranked.Add(new RankedPassage(row, quote, hit.Score, WordsScore(hit.Score / maxScore, quote)));
        }

        if (semantic?.Match(question, [.. ranked.Select(r => new SemanticCandidate(r.Row.RowId, r.Row.GuildId))], cancellationToken) is { } match)
        {
            var similarities = new List<double?>(match.Similarities);
            foreach (var (row, similarity) in Nearest(semantic, match.Query, scope, ranked, only))
            {
                var quote = QuoteSelector.Select(row.Text, row.Tokens, weights);
                ranked.Add(new RankedPassage(row, quote, 0, WordsScore(0, quote)));
                similarities.Add(similarity);
            }

            var questionTerms = query.Terms.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            var evidence = ranked.Select(r => MixEvidence(question, r.Quote, query, weights, questionTerms)).ToArray();
            var mixed = SemanticReranker.Mix(evidence, similarities, semantic.Weight);
            ranked = [.. ranked.Select((r, i) => r with { Score = mixed[i], Similarity = similarities[i] })];
        }

        ranked.Sort((a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Row.PassageId, b.Row.PassageId);
        });
        return new Ranking(query, Diversify(ranked), first.TotalMatches) { Weights = weights };
    }

    /// <summary>
    /// A passage's score by words alone: its BM25 score as a share of the best candidate's, and how much of the
    /// question its quote's best sentence covers (<see cref="CoverageShare"/>), with <see cref="AnswerBoost"/> when
    /// that sentence holds an answer of the kind asked for.
    /// </summary>
    private static double WordsScore(double bm25Share, SelectedQuote quote)
        => ((1 - CoverageShare) * bm25Share) + (CoverageShare * quote.WindowCoverage) + (quote.HoldsAnswer ? AnswerBoost : 0);

    /// <summary>
    /// The passages nearest the question in meaning that the words did not find among the first stage's
    /// (<see cref="MeaningDepth"/> of them, of the sources <paramref name="only"/> allows), with their similarity.
    /// </summary>
    private List<(PassageRow Row, double Similarity)> Nearest(
        SemanticReranker reranker, float[] query, CorpusScope scope, List<RankedPassage> ranked, SourceSelection? only)
    {
        var found = ranked.Select(r => r.Row.RowId).ToHashSet();
        var nearest = reranker.Nearest(query, scope, MeaningDepth, found);
        if (nearest.Count == 0)
        {
            return [];
        }

        var rows = passages.Load([.. nearest.Select(n => n.RowId)]);
        var result = new List<(PassageRow, double)>();
        foreach (var (guildId, rowId, similarity) in nearest)
        {
            if (rows.TryGetValue(rowId, out var row) && row.GuildId == guildId
                && (only is null || (guildId == 0 ? only.Bundled : only.Server).Contains(row.Slug)))
            {
                result.Add((row, similarity));
            }
        }

        return result;
    }

    /// <summary>
    /// Source diversity: once a source already has two of the places above, a passage from another source that
    /// scores nearly as well (within <see cref="DiversityMargin"/>) moves ahead, so readers see corroboration
    /// across sources rather than one source three times. Clearly better passages keep their places.
    /// </summary>
    private static List<RankedPassage> Diversify(List<RankedPassage> ranked)
    {
        var remaining = new List<RankedPassage>(ranked);
        var result = new List<RankedPassage>(ranked.Count);
        var perSource = new Dictionary<string, int>(StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var pick = 0;
            if (perSource.GetValueOrDefault(remaining[0].Row.SourceKey) >= 2)
            {
                var floor = remaining[0].Score * (1 - DiversityMargin);
                var other = remaining.FindIndex(r => r.Score >= floor && perSource.GetValueOrDefault(r.Row.SourceKey) < 2);
                pick = Math.Max(0, other);
            }

            var chosen = remaining[pick];
            remaining.RemoveAt(pick);
            result.Add(chosen);
            perSource[chosen.Row.SourceKey] = perSource.GetValueOrDefault(chosen.Row.SourceKey) + 1;
        }

        return result;
    }

    /// <summary>
    /// What a passage gains when one of its sentences has all the question's pairs of neighbouring words in order:
    /// chosen on the even SQuAD articles with bench/ChatBot.Bench/proximity.py (hit@1 0.8333 → 0.8354 there,
    /// 0.9082 → 0.9130 on the odd ones, hit@5 level), see README, Measurements.
    /// </summary>
    public const double PairWeight = 0.6;

    /// <summary>
    /// What the score of a quote's likeliest answer (<see cref="AnswerSpans.Best"/>, for who / when / where / how many
    /// / how much questions; 0 without one) adds to the semantic mix: a passage that states an answer the way answers
    /// are stated outranks one that only shares the question's words. Chosen on the even SQuAD articles with
    /// ChatBot.Bench semantic --dump (the candidates' span scores) and bench/ChatBot.Bench/misses.py: hit@1 0.8385 →
    /// 0.8398 there, 0.9135 → 0.9150 on the odd ones, hit@5 level (README, Measurements).
    /// </summary>
    public const double SpanWeight = 0.2;

    /// <summary>
    /// A candidate's share of the semantic mix besides its similarity: <see cref="LexicalEvidence"/>, plus
    /// <see cref="SpanWeight"/> times the score of its quote's likeliest answer.
    /// </summary>
    public static double MixEvidence(string question, SelectedQuote quote, ParsedQuery query, QuestionWeights weights, IReadOnlySet<string> questionTerms)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(weights);
        return LexicalEvidence(quote) + (SpanWeight * (AnswerSpans.Best(question, quote.Text, weights.Kind, quote.Highlights, questionTerms, query, weights)?.Score ?? 0));
    }

    /// <summary>
    /// The words' share of the semantic mix (<see cref="SemanticReranker.Mix"/>): how much of the question the best
    /// sentence and the passage cover, whether that sentence holds an answer of the kind asked for, less the
    /// heaviest question word the quote lacks, and how closely the question's words stand in one of its sentences
    /// (<see cref="SelectedQuote.Pairs"/>, weighted <see cref="PairWeight"/>). BM25 itself adds nothing once the
    /// similarity is there. Fitted with the similarity's weight on the even SQuAD articles' questions
    /// (<c>ChatBot.Bench semantic --dump</c> and bench/ChatBot.Bench/fit-semantic-mix.py): para@1 and hit@1 hold on
    /// the odd ones.
    /// </summary>
    public static double LexicalEvidence(SelectedQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return (2.1 * quote.WindowCoverage) + (1.5 * quote.PassageCoverage) + (quote.HoldsAnswer ? 0.58 : 0) - (2.6 * quote.Missing) + (PairWeight * quote.Pairs);
    }

    /// <summary>
    /// Whether a question word names something: written with a capital or a digit, other than as the question's
    /// first word ("World Cup", "1986", "MNR", not "Where").
    /// </summary>
    private static bool IsName(string question, string surface)
        => !question.AsSpan().TrimStart().StartsWith(surface, StringComparison.Ordinal) && surface.Any(c => char.IsUpper(c) || char.IsDigit(c));

    /// <summary>Whether the best passage answers the question, rather than merely being the closest.</summary>
    public static bool IsConfident(RankedPassage best)
    {
        ArgumentNullException.ThrowIfNull(best);
        return Confidence(best) >= (best.Similarity is null ? ConfidentEvidence : ConfidentWithMeaning);
    }

    /// <summary>
    /// What the confidence rule reads of a passage: its quote's evidence (<see cref="SelectedQuote.Evidence"/>), and
    /// when the passage was ranked with meaning, <see cref="MeaningConfidenceWeight"/> times its similarity to the
    /// question besides (compared with <see cref="ConfidentWithMeaning"/> instead of <see cref="ConfidentEvidence"/>).
    /// </summary>
    public static double Confidence(RankedPassage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        return passage.Similarity is { } similarity ? passage.Quote.Evidence + (MeaningConfidenceWeight * similarity) : passage.Quote.Evidence;
    }

    /// <summary>
    /// The close spellings searched in place of words the corpus lacks, as the quotes write them ("Estenssoro"
    /// rather than the index term "estenssoro") when a quote shows one.
    /// </summary>
    private static List<string> AlsoSearched(ParsedQuery query, List<RankedQuote> results)
    {
        var spellings = query.Terms.Where(t => t.Origin == TermOrigin.Spelling).Select(t => t.Term).ToList();
        if (spellings.Count == 0)
        {
            return [];
        }

        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            foreach (var token in TextAnalysis.Analyze(result.Quote))
            {
                written.TryAdd(token.Term, result.Quote[token.Start..token.End]);
            }
        }

        return [.. spellings.Select(term => written.GetValueOrDefault(term, term)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Whether a result answers the question about as well as the best one, so that what it says counts as a
    /// claim of the corpus: nearly the best score, and a quote that would answer the question on its own.
    /// </summary>
    private static bool IsStrong(RankedPassage result, RankedPassage best)
        => result.Score >= 0.8 * best.Score && IsConfident(result);

    /// <summary>
    /// The distinct answers the strong results give, most sources first; the same answer written two ways
    /// ("Rene", "René") is one claim, shown in its most common (then accented) form. Different answers count as
    /// a disagreement only when they come from different sources.
    /// </summary>
    private static List<AnswerClaim> Claims(List<RankedQuote> results, List<bool> strong)
    {
        var claims = new List<AnswerClaim>();
        var groups = results
            .Where((r, i) => r.Answer is not null && strong[i])
            .GroupBy(r => AnswerSpans.Key(r.Answer!.Text), StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0);
        foreach (var group in groups)
        {
            var text = group.GroupBy(r => r.Answer!.Text, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key.Any(c => c > 127)).First().Key;
            var sources = group.Select(r => r.Citation.SourceId).Distinct(StringComparer.Ordinal).Count();
            claims.Add(new AnswerClaim(text, group.First().Answer!.Kind, [.. group.Select(r => r.Rank)], sources));
        }

        claims = [.. claims.OrderByDescending(c => c.SourceCount).ThenBy(c => c.Ranks[0])];
        var sourcesOfClaims = results.Where(r => claims.Any(c => c.Ranks.Contains(r.Rank))).Select(r => r.Citation.SourceId).Distinct(StringComparer.Ordinal).Count();
        return sourcesOfClaims < 2 ? [.. claims.Take(1)] : claims;
    }
}

/// <summary>A question's passages in ranked order, with the query they were ranked for.</summary>
public sealed record Ranking(ParsedQuery Query, IReadOnlyList<RankedPassage> Passages, int MatchedPassages)
{
    /// <summary>What the question's words weighed in the ranking; null when none of them is in the corpus.</summary>
    public QuestionWeights? Weights { get; init; }
}

/// <summary>A reranked passage: its row, its best quote, its first-stage BM25 score and its final score.</summary>
public sealed record RankedPassage(PassageRow Row, SelectedQuote Quote, double Bm25, double Score)
{
    /// <summary>The passage's similarity to the question in meaning; null when it was ranked by words alone or has no vector yet.</summary>
    public double? Similarity { get; init; }
}

