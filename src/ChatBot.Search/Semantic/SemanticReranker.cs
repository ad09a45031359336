namespace ChatBot.Search.Semantic;

/// <summary>A reranked candidate as the semantic mix looks it up: its row and its scope.</summary>
public readonly record struct SemanticCandidate(long RowId, ulong GuildId);

/// <summary>
/// Mixes meaning into the ranking of a question's candidates: the cosine similarity of the question's embedding
/// (with the model's query prefix) to each passage's, measured against the other candidates (its z-score among
/// them), weighted <see cref="Weight"/>, plus each candidate's lexical evidence. Only candidates with a vector have
/// a similarity; the others count the mean of those that have one, so a passage not yet embedded neither gains
/// nor loses. Without any vector, or before the model has loaded, the ranking is left as it is: an answer never
/// waits for the model.
/// </summary>
public sealed class SemanticReranker(SemanticIndex semantic, double weight = SemanticReranker.DefaultWeight)
{
    /// <summary>
    /// What the similarity's z-score weighs against the lexical evidence, chosen on one half of the SQuAD articles
    /// and tested on the other (ChatBot.Bench semantic, README): 0.6 since the quotes in two parts and the span
    /// score (0.8 before them; hit@1 0.828 against 0.827 on the tuning half).
    /// </summary>
    public const double DefaultWeight = 0.6;

    /// <summary>The least spread of similarities a question's candidates are taken to have (cosine units), so a near tie stays a tie.</summary>
    public const double MinimumSpread = 0.01;

    public double Weight => weight;

    /// <summary>
    /// The cosine similarity of the question to each candidate with a vector (null for the others); null when
    /// none has one, semantics are off, or the model has not loaded yet.
    /// </summary>
    public double?[]? Similarities(string question, IReadOnlyList<SemanticCandidate> candidates, CancellationToken cancellationToken)
        => Match(question, candidates, cancellationToken)?.Similarities;

    /// <summary>
    /// The question's embedding and its cosine similarity to each candidate with a vector (null for the others);
    /// null when none has one, semantics are off, or the model has not loaded yet.
    /// </summary>
    public SemanticMatch? Match(string question, IReadOnlyList<SemanticCandidate> candidates, CancellationToken cancellationToken)
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
        return new SemanticMatch(query, [.. vectors.Select(v => v is null ? (double?)null : VectorMath.Cosine(query, v))]);
    }

    /// <summary>
    /// The passages of the asker's scope (the bundled corpus, and the server's sources in a server) nearest the
    /// question in meaning, best first, other than <paramref name="except"/> (see <see cref="SemanticIndex.Nearest"/>).
    /// </summary>
    public List<(ulong GuildId, long RowId, double Similarity)> Nearest(
        float[] query, Core.CorpusScope scope, int count, IReadOnlySet<long> except)
        => semantic.Nearest(scope.GuildId is { } guild ? [0, guild] : [0], query, count, except, semantic.Options.SemanticMaxPassages);

    /// <summary>
    /// <c>evidence + w · (similarity − mean) / spread</c> over the candidates (a missing similarity counting the
    /// mean; spread the standard deviation), written in cosine units so that scores stay on the scale of a
    /// similarity: multiplied by <c>spread / w</c> and shifted by the mean, which keeps the order, it is
    /// <c>similarity + spread / w · evidence</c>. With w = 0, the evidence alone.
    /// </summary>
    public static double[] Mix(IReadOnlyList<double> evidence, IReadOnlyList<double?> similarities, double weight)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(similarities);
        var known = similarities.Where(s => s is not null).Select(s => s!.Value).ToList();
        var mean = known.Count > 0 ? known.Average() : 0;
        var spread = known.Count > 1 ? Math.Sqrt(known.Sum(s => (s - mean) * (s - mean)) / known.Count) : 0;
        spread = Math.Max(spread, MinimumSpread);
        var mixed = new double[evidence.Count];
        for (var i = 0; i < mixed.Length; i++)
        {
            var similarity = similarities[i] ?? mean;
            mixed[i] = weight <= 0 ? evidence[i] : similarity + (spread / weight * evidence[i]);
        }

        return mixed;
    }
}

/// <summary>A question's embedding and its similarity to each candidate that has a vector (null for the others).</summary>
public sealed record SemanticMatch(float[] Query, double?[] Similarities);
