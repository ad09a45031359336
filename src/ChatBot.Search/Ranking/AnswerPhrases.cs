namespace ChatBot.Search.Ranking;

/// <summary>
/// Short phrases of content words as candidate answers for who and where questions whose answer is no name
/// ("teachers", "the sidelines", "in the shallow crust"): the runs of words between function words, punctuation
/// and the question's own words, and every run of up to <see cref="MaxWords"/> words inside them. No tagger and no
/// lexicon: a short list of English function words is what separates the phrases.
/// </summary>
public static class AnswerPhrases
{
    /// <summary>The longest phrase offered as an answer, in words.</summary>
    public const int MaxWords = 4;

    /// <summary>Function words: determiners, pronouns, prepositions, conjunctions, auxiliaries, and the wh-words.</summary>
    public static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your", "it", "he",
        "she", "they", "we", "i", "you", "him", "them", "us", "me", "who", "whom", "whose", "which", "what", "where",
        "when", "why", "how", "of", "in", "on", "at", "by", "for", "to", "from", "with", "without", "into", "onto",
        "over", "under", "about", "against", "between", "among", "through", "throughout", "during", "before", "after",
        "above", "below", "across", "along", "around", "near", "within", "upon", "via", "per", "than", "as", "and", "or",
        "but", "nor", "so", "if", "while", "because", "although", "though", "since", "until", "unless", "whether", "is",
        "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "will",
        "would", "can", "could", "may", "might", "shall", "should", "must", "not", "no", "also", "very", "such", "then",
        "there", "here", "both", "either", "neither", "each", "every", "all", "any", "some", "most", "more", "many",
        "much", "other", "another", "same", "only", "even", "still", "yet", "just", "however", "thus", "which", "whose",
        "one", "ones", "itself", "themselves", "himself", "herself",
    };

    /// <summary>
    /// The phrases of the quote: [first word, last word] runs of at most <see cref="MaxWords"/> content words,
    /// none a question word, within one sentence and with only white space between them.
    /// </summary>
    public static void In(QuoteLayout layout, IReadOnlySet<string> questionTerms, List<(int First, int Last, int ChunkFirst, int ChunkLast)> phrases)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(questionTerms);
        ArgumentNullException.ThrowIfNull(phrases);
        var w = 0;
        while (w < layout.WordCount)
        {
            if (!IsContent(layout, w, questionTerms))
            {
                w++;
                continue;
            }

            var last = w;
            while (last + 1 < layout.WordCount && layout.JoinsPrevious(last + 1) && IsContent(layout, last + 1, questionTerms)
                && layout.SentenceOfWord(last + 1) == layout.SentenceOfWord(w))
            {
                last++;
            }

            // A phrase begins after a function word, a punctuation mark or the start of a sentence, not right after
            // a question word: "Roger Goodell spoke" offers no "spoke" to "who was Roger Goodell".
            if (w > 0 && layout.JoinsPrevious(w) && layout.SentenceOfWord(w - 1) == layout.SentenceOfWord(w) && layout.TermOfWord(w - 1) is { } previous
                && questionTerms.Contains(previous))
            {
                w = last + 1;
                continue;
            }

            for (var first = w; first <= last; first++)
            {
                for (var end = first; end <= last && end - first < MaxWords; end++)
                {
                    phrases.Add((first, end, w, last));
                }
            }

            w = last + 1;
        }
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordSpans = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a word is a function word (by its surface).</summary>
    public static bool IsFunctionWord(ReadOnlySpan<char> word) => FunctionWordSpans.Contains(word);

    private static bool IsContent(QuoteLayout layout, int word, IReadOnlySet<string> questionTerms)
    {
        var surface = layout.Quote.AsSpan(layout.WordStart(word), layout.WordEnd(word) - layout.WordStart(word));
        if (IsFunctionWord(surface) || !char.IsLetter(surface[0]))
        {
            return false;
        }

        var term = layout.TermOfWord(word);
        return term is not null && !questionTerms.Contains(term);
    }
}
