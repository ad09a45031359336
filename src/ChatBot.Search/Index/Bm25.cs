using Lucene.Net.Search.Similarities;

namespace ChatBot.Search.Index;

/// <summary>
/// BM25 as the index scores passages. The parameters are tuned on the visible SQuAD set with the reranker in
/// place (ChatBot.Bench quality); the same similarity writes the length norms and scores the queries.
/// </summary>
public static class Bm25
{
    public const float K1 = 0.9f;
    public const float B = 0.6f;

    internal static BM25Similarity Similarity { get; } = new(K1, B);

    /// <summary>BM25's inverse document frequency, the Lucene variant (always positive).</summary>
    public static double Idf(int documentFrequency, int documentCount)
        => Math.Log(1 + ((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));
}
