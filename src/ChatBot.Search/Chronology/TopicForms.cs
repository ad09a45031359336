using ChatBot.Search.Index;

namespace ChatBot.Search.Chronology;

/// <summary>
/// The other words a topic's name takes in prose: a place and its adjective or people ("Bolivia", "Bolivian";
/// "Mexico", "Mexican"; "Cuban", "Cuba"), which a stemmer keeps apart. Only forms of four letters or more.
/// </summary>
public static class TopicForms
{
    private static readonly string[] Endings = ["n", "an", "ian", "ean", "ese", "i", "ic", "ish"];
    private static readonly string[] FinalVowels = ["a", "o", "e", "y", "i"];

    /// <summary>Index terms of the other forms of <paramref name="word"/> (a word of the topic as written), not counting its own term.</summary>
    public static IReadOnlyList<string> Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var folded = TextAnalysis.Fold(word.Trim());
        if (folded.Length < 4 || !folded.All(char.IsAsciiLetterLower))
        {
            return [];
        }

        var own = TextAnalysis.TermOf(folded);
        var forms = new List<string>();
        void Add(string candidate)
        {
            if (candidate.Length >= 4 && TextAnalysis.TermOf(candidate) is { } term && term != own && !forms.Contains(term))
            {
                forms.Add(term);
            }
        }

        // A place → its adjective: Bolivia-n, Peru-vian is too irregular, Chile-an, Mexic(o)-an, Ital(y)-ian.
        var stem = FinalVowels.Any(v => folded.EndsWith(v, StringComparison.Ordinal)) ? folded[..^1] : folded;
        foreach (var ending in Endings)
        {
            Add(folded + ending);
            Add(stem + ending);
        }

        // An adjective → its place: Bolivian → Bolivia, Mexican → Mexico, Cuban → Cuba.
        foreach (var ending in Endings.Where(e => folded.EndsWith(e, StringComparison.Ordinal) && folded.Length - e.Length >= 3))
        {
            var bare = folded[..^ending.Length];
            Add(bare);
            foreach (var vowel in FinalVowels)
            {
                Add(bare + vowel);
            }
        }

        return forms;
    }
}
