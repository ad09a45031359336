namespace ChatBot.Search.Semantic;

/// <summary>A reranked candidate as the semantic mix sees it: its row, its scope and its lexical score.</summary>
public readonly record struct SemanticCandidate(long RowId, ulong GuildId, double Score);

/// <summary>
/// Mixes meaning into the ranking of a question's candidates: each candidate's lexical score divided by the best
/// one, and the cosine similarity of the question's embedding (with the model's query prefix) to the passage's,
/// weighted <see cref="Weight"/>. Only candidates with a vector have a similarity; the others count the mean
/// of those that have one, so a passage not yet embedded neither gains nor loses. Without any vector, or before
/// the model has loaded, the ranking is left as it is: an answer never waits for the model.
/// </summary>
public sealed class SemanticReranker(SemanticIndex semantic, double weight = SemanticReranker.DefaultWeight)
{
    /// <summary>
    /// The share of the similarity in the mix, chosen on one half of the SQuAD articles and tested on the other
    /// (ChatBot.Bench quality, README).
    /// </summary>
    public const double DefaultWeight = 0.8;

    public double Weight => weight;

    /// <summary>The mixed scores, in the candidates' order; null when semantics do not apply to this question.</summary>
    public double[]? Rescore(string question, IReadOnlyList<SemanticCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var similarities = Similarities(question, candidates, cancellationToken);
        return similarities is null ? null : Mix(candidates.Select(c => c.Score).ToArray(), similarities, weight);
    }

    /// <summary>
    /// The cosine similarity of the question to each candidate with a vector (null for the others); null when
    /// none has one, semantics are off, or the model has not loaded yet.
    /// </summary>
    public double?[]? Similarities(string question, IReadOnlyList<SemanticCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidates);
        if (!semantic.Options.Enabled || candidates.Count == 0 || semantic.LoadedModel is not { } model)
        {
            return null;
        }

        var vectors = candidates.Select(c => semantic.Vector(c.GuildId, c.RowId)).ToArray();
        if (vectors.All(v => v is null))
        {
            return null;
        }

        var query = model.EmbedQuery(question, cancellationToken);
        return [.. vectors.Select(v => v is null ? (double?)null : VectorMath.Cosine(query, v))];
    }

    /// <summary><c>(1 - w) · score / best + w · similarity</c>, a missing similarity counting the mean of the others.</summary>
    public static double[] Mix(IReadOnlyList<double> scores, IReadOnlyList<double?> similarities, double weight)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(similarities);
        var best = scores.Count > 0 ? scores.Max() : 1;
        if (best <= 0)
        {
            best = 1;
        }

        var known = similarities.Where(s => s is not null).Select(s => s!.Value).ToList();
        var mean = known.Count > 0 ? known.Average() : 0;
        var mixed = new double[scores.Count];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = ((1 - weight) * scores[i] / best) + (weight * (similarities[i] ?? mean));
        }

        return mixed;
    }
}
