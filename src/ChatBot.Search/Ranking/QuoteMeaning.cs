using ChatBot.Search.Semantic;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Chooses the quotes of a question's first passages by meaning too: the sentences of the first
/// <see cref="Passages"/> passages longer than a quote (at most <see cref="MaxSentences"/> sentences, each cut to
/// <see cref="SemanticReranker.SentenceTokens"/> tokens) are embedded in one run of the model, and each passage's
/// quote is chosen again with their similarity to the question mixed in (<see cref="SentenceMeaning"/>). Only
/// when the passages' embeddings exist and the question has been embedded: words alone choose as before.
/// </summary>
public static class QuoteMeaning
{
    /// <summary>How many of the first passages get their quote chosen by meaning (an answer shows three by default).</summary>
    public const int Passages = 3;

    /// <summary>The most sentences embedded for one question: what bounds its cost.</summary>
    public const int MaxSentences = 20;

    /// <summary>The passages with the quotes of the first ones chosen again; the passages as they are when the model is unavailable.</summary>
    public static List<RankedPassage> Reselect(
        List<RankedPassage> ranked, QuestionWeights weights, SemanticReranker semantic, float[] query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(semantic);
        if (semantic.QuoteWeight <= 0 || Similarities(ranked, semantic, query, cancellationToken) is not { } similarities)
        {
            return ranked;
        }

        var result = new List<RankedPassage>(ranked);
        for (var i = 0; i < similarities.Count; i++)
        {
            if (similarities[i] is { } sentences)
            {
                var row = ranked[i].Row;
                result[i] = ranked[i] with { Quote = QuoteSelector.Select(row.Text, row.Tokens, weights, new SentenceMeaning(sentences, semantic.QuoteWeight)) };
            }
        }

        return result;
    }

    /// <summary>
    /// The similarity of the question to each sentence (<see cref="QuoteSelector.Sentences"/>) of each of the first
    /// <see cref="Passages"/> passages that has a choice to make (null for the others), from one run of the model;
    /// null when there is nothing to embed or the model is unavailable.
    /// </summary>
    public static IReadOnlyList<double?[]?>? Similarities(
        IReadOnlyList<RankedPassage> ranked, SemanticReranker semantic, float[] query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(semantic);
        ArgumentNullException.ThrowIfNull(query);

        // Only a passage longer than a quote has a choice to make; a passage of one sentence has none either.
        var chosen = new List<(int Count, int First)?>();
        var texts = new List<string>();
        for (var i = 0; i < Math.Min(Passages, ranked.Count); i++)
        {
            var text = ranked[i].Row.Text;
            var sentences = text.Length > QuoteSelector.MaxQuoteLength ? QuoteSelector.Sentences(text) : [];
            if (sentences.Count < 2 || texts.Count + sentences.Count > MaxSentences)
            {
                chosen.Add(null);
                continue;
            }

            chosen.Add((sentences.Count, texts.Count));
            texts.AddRange(sentences.Select(s => text[s.Start..s.End]));
        }

        if (texts.Count == 0 || semantic.SentenceSimilarities(query, texts, cancellationToken) is not { } similarities)
        {
            return null;
        }

        return [.. chosen.Select(c => c is { } at ? similarities.Skip(at.First).Take(at.Count).Select(s => (double?)s).ToArray() : null)];
    }
}
