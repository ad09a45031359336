namespace ChatBot.Search.Index;

/// <summary>
/// Function words that carry no meaning of their own: never indexed, never searched. Question words are among
/// them, so "who led the coup" searches "led coup". Words that are also names or content in some uses ("may",
/// "won", "will" as a noun) are left out, and the few stop words that are also common acronyms ("US", "WHO",
/// "IT") count as words when written in capitals. Contractions are listed whole, as the tokenizer keeps them.
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
        // Contractions, which the tokenizer keeps as one word, and the leftovers of ones split elsewhere.
        "don't", "doesn't", "didn't", "isn't", "wasn't", "weren't", "aren't", "can't", "couldn't", "won't",
        "wouldn't", "shouldn't", "hasn't", "haven't", "hadn't", "i'm", "i've", "i'd", "i'll", "you're", "you've",
        "we're", "we've", "they're", "they've", "he'd", "she'd", "it'd", "that'd", "what're", "who'd",
        "s", "t", "d", "ll", "m", "re", "ve",
    ];

    /// <summary>Stop words that are also acronyms when written in capitals.</summary>
    public static IReadOnlyCollection<string> Acronyms { get; } = ["us", "who", "it"];

    public static IReadOnlyCollection<string> All => Words;
}
