namespace ChatBot.Search.Analysis;

/// <summary>
/// Function words that carry no meaning of their own: never indexed, never searched. Question words are among
/// them, so "who led the coup" searches "led coup". Words that are also names or content in some uses ("may",
/// "won", "will" as a noun) are left out, and the few stop words that are also common acronyms ("US", "WHO",
/// "IT") count as words when written in capitals.
/// </summary>
public static class StopWords
{
    private static readonly string[] Words =
    [
        "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "both",
        "but", "by", "can", "could", "did", "do", "does", "doing", "each", "for", "from", "had", "has", "have",
        "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "itself", "just", "me", "might", "must", "my", "myself", "no", "nor", "not", "of", "on",
        "or", "our", "ours", "ourselves", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through",
        "to", "too", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
        "whose", "why", "with", "would", "you", "your", "yours", "yourself", "yourselves",
        // Leftovers of contractions and possessives split at the apostrophe ("don't" -> "don", "t").
        "s", "t", "d", "ll", "m", "re", "ve", "don", "doesn", "didn", "isn", "wasn", "weren", "aren",
    ];

    private static readonly HashSet<string> Set = new(Words, StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string> Acronyms = new(["us", "who", "it"], StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AcronymLookup = Acronyms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a lowercase, diacritics-folded word is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> foldedWord) => SpanLookup.Contains(foldedWord);

    /// <summary>Whether a word, written in capitals when <paramref name="allCaps"/>, is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> foldedWord, bool allCaps)
        => SpanLookup.Contains(foldedWord) && !(allCaps && AcronymLookup.Contains(foldedWord));

    public static IReadOnlyCollection<string> All => Set;
}
