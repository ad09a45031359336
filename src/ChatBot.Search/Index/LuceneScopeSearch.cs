using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace ChatBot.Search.Index;

/// <summary>
/// What one question may see, read together: the bundled corpus's index alone, or with the server's index
/// through a <see cref="MultiReader"/>, so document frequencies, lengths and the vocabulary come from exactly
/// the asker's corpus. Queries are analyzed terms matched by <see cref="MaxScoreMatcher"/>, never parsed user text.
/// </summary>
internal sealed class LuceneScopeSearch : IScopeSearch
{
    private readonly List<ScopeIndex.Lease> leases;
    private readonly IndexReader? reader;

    public LuceneScopeSearch(List<ScopeIndex.Lease> leases)
    {
        this.leases = leases;
        if (leases.Count == 1)
        {
            reader = leases[0].Searcher.IndexReader;
        }
        else if (leases.Count > 1)
        {
            reader = new MultiReader([.. leases.Select(l => l.Searcher.IndexReader)], closeSubReaders: false);
        }
    }

    public int DocumentCount => reader?.NumDocs ?? 0;

    public int DocumentFrequency(string term) => reader is null ? 0 : reader.DocFreq(new Term(TextAnalysis.Field, term));

    public IReadOnlyList<(string Term, int Distance)> SpellingNeighbours(string term, int maxEdits, int limit)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (reader is null || term.Length == 0 || maxEdits <= 0 || limit <= 0)
        {
            return [];
        }

        var terms = MultiFields.GetTerms(reader, TextAnalysis.Field);
        if (terms is null)
        {
            return [];
        }

        // Lucene's Levenshtein automata over the term dictionary, one distance at a time so each term's
        // distance is known (closer ones first: enough of them and the farther automaton is not built); like most
        // misspellings of a name, a neighbour keeps the first letter.
        var found = new List<(string Term, int Distance, int Frequency)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { term };
        for (var distance = 1; distance <= Math.Min(maxEdits, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE) && found.Count < limit; distance++)
        {
            var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(TextAnalysis.Field, term), distance, 1, true);
            while (fuzzy.MoveNext())
            {
                var candidate = fuzzy.Term.Utf8ToString();
                if (seen.Add(candidate))
                {
                    found.Add((candidate, distance, fuzzy.DocFreq));
                }
            }
        }

        return [.. found.OrderBy(f => f.Distance).ThenByDescending(f => f.Frequency).ThenBy(f => f.Term, StringComparer.Ordinal)
            .Take(limit).Select(f => (f.Term, f.Distance))];
    }

    public IndexHits Search(IReadOnlyList<TermGroup> groups, int depth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (reader is null || groups.Count == 0 || depth <= 0)
        {
            return new IndexHits([], 0);
        }

        return new MaxScoreMatcher(reader).Search(groups, depth, cancellationToken);
    }

    public void Dispose()
    {
        if (leases.Count > 1)
        {
            reader?.Dispose();
        }

        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }
}
