using ChatBot.Search.Analysis;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Widens each word of a question with what the index's own vocabulary offers: close spellings for a word the
/// corpus lacks or barely has ("Estensoro" → "estenssoro", found in the scope's term dictionary by edits and transpositions), other forms of the word ("led" → "lead", "leader",
/// "leadership"), and synonyms from the moderators' table ("coup" → "putsch"). Expansions join the word's group
/// with a lower weight, so a passage scores the best of them and never more than the user's own word would.
/// </summary>
public static class QueryExpander
{
    public const double CloseSpellingWeight = 0.8;
    public const double FarSpellingWeight = 0.65;
    public const double WordFormWeight = 0.7;
    public const double SynonymWeight = 0.6;

    /// <summary>A word at most this frequent may be a misspelling of a far more frequent one.</summary>
    private const int RareFrequency = 1;

    /// <summary>How much more frequent a close spelling of a rare (not absent) word must be to be searched too.</summary>
    private const int FarMoreFrequent = 5;

    private const int MaxSpellings = 2;
    private const int MaxForms = 4;
    private const int MaxSynonyms = 4;

    /// <summary>How many edits a word of this length may be away from a vocabulary term and still count as its misspelling.</summary>
    public static int AllowedEdits(int length) => length switch
    {
        <= 3 => 0,
        <= 7 => 1,
        _ => 2,
    };

    public static ParsedQuery Expand(ParsedQuery query, IScopeSearch index, SynonymTable synonyms)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(synonyms);
        var terms = new List<QueryTerm>(query.Terms);
        bool IsKnown(string term) => index.DocumentFrequency(term) > 0;
        foreach (var word in query.Terms.Where(t => t.Origin == TermOrigin.Question))
        {
            var added = new HashSet<string>(StringComparer.Ordinal) { word.Term };
            void Add(string term, double weight, TermOrigin origin)
            {
                if (added.Add(term))
                {
                    terms.Add(new QueryTerm(term, term, word.Group, weight * word.Weight, origin));
                }
            }

            var frequency = index.DocumentFrequency(word.Term);
            if (frequency <= RareFrequency)
            {
                // Only one edit matters for a word the corpus has (see below), and a two-edit automaton costs five times as much.
                var edits = frequency == 0 ? AllowedEdits(word.Term.Length) : Math.Min(1, AllowedEdits(word.Term.Length));
                foreach (var (term, distance) in index.SpellingNeighbours(word.Term, edits, MaxSpellings))
                {
                    // A word the corpus lacks takes any close spelling; a rare one only a far more frequent one, one
                    // edit away ("Lichin" beside "Lechin"), for a rare word is usually just rare.
                    if (frequency == 0 || (distance == 1 && index.DocumentFrequency(term) >= FarMoreFrequent * frequency))
                    {
                        Add(term, distance == 1 ? CloseSpellingWeight : FarSpellingWeight, TermOrigin.Spelling);
                    }
                }
            }

            foreach (var term in WordForms.Family(TextAnalysis.Fold(word.Surface), word.Term, IsKnown).Take(MaxForms))
            {
                Add(term, WordFormWeight, TermOrigin.WordForm);
            }

            // A synonym counts in its irregular forms too ("coup" finds "overthrew" through "overthrow").
            var related = synonyms.Of(word.Term)
                .SelectMany(s => WordForms.Family(s, s, IsKnown).Prepend(s))
                .Where(IsKnown)
                .Take(MaxSynonyms);
            foreach (var term in related)
            {
                Add(term, SynonymWeight, TermOrigin.Synonym);
            }
        }

        return query with { Terms = terms };
    }
}
