using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace ChatBot.Search.Index;

/// <summary>
/// What one question may see, read together: the bundled corpus's index alone, or with the server's index
/// through a <see cref="MultiReader"/>, so document frequencies, lengths and the vocabulary come from exactly
/// the asker's corpus. Queries are built from analyzed terms as query objects, never parsed from user text.
/// </summary>
internal sealed class LuceneScopeSearch : IScopeSearch
{
    private readonly List<ScopeIndex.Lease> leases;
    private readonly IndexReader? reader;
    private readonly IndexSearcher? searcher;

    public LuceneScopeSearch(List<ScopeIndex.Lease> leases)
    {
        this.leases = leases;
        if (leases.Count == 1)
        {
            searcher = leases[0].Searcher;
            reader = searcher.IndexReader;
        }
        else if (leases.Count > 1)
        {
            reader = new MultiReader([.. leases.Select(l => l.Searcher.IndexReader)], closeSubReaders: false);
            searcher = new IndexSearcher(reader) { Similarity = Bm25.Similarity };
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
        // distance is known; like most misspellings of a name, a neighbour keeps the first letter.
        var found = new List<(string Term, int Distance, int Frequency)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { term };
        for (var distance = 1; distance <= Math.Min(maxEdits, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE); distance++)
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
        if (searcher is null || groups.Count == 0 || depth <= 0)
        {
            return new IndexHits([], 0);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var query = Query(groups);
        var collector = TopScoreDocCollector.Create(depth, docsScoredInOrder: false);
        searcher.Search(query, collector);
        var top = collector.GetTopDocs();
        var leaves = searcher.IndexReader.Leaves;
        var hits = new List<IndexHit>(top.ScoreDocs.Length);
        foreach (var scoreDoc in top.ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(scoreDoc.Doc, leaves)];
            var rows = leaf.AtomicReader.GetNumericDocValues(ScopeIndex.RowField);
            if (rows is not null)
            {
                hits.Add(new IndexHit(rows.Get(scoreDoc.Doc - leaf.DocBase), scoreDoc.Score));
            }
        }

        return new IndexHits(hits, top.TotalHits);
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

    /// <summary>A passage with at least this share of the scope containing a word has the word in common with most others.</summary>
    public const double CommonShare = 0.05;

    /// <summary>
    /// The query for the groups: each group the best of its terms, the groups summed (BM25 over all of them).
    /// When the question has words that are rare in the scope, a passage must contain one of them, and the common
    /// words only add to the score of such passages: their long posting lists are then skipped through rather
    /// than read whole, as Lucene's common-terms query does, while every passage that can rank keeps its score.
    /// </summary>
    private BooleanQuery Query(IReadOnlyList<TermGroup> groups)
    {
        var documents = Math.Max(1, reader!.MaxDoc);
        var rare = new BooleanQuery(disableCoord: true);
        var common = new BooleanQuery(disableCoord: true);
        foreach (var group in groups)
        {
            if (GroupQuery(group) is not { } clause)
            {
                continue;
            }

            var share = group.Terms.Max(t => reader.DocFreq(new Term(TextAnalysis.Field, t.Term))) / (double)documents;
            (share > CommonShare ? common : rare).Add(clause, Occur.SHOULD);
        }

        if (rare.Clauses.Count == 0 || common.Clauses.Count == 0)
        {
            var all = new BooleanQuery(disableCoord: true);
            foreach (var clause in rare.Clauses.Concat(common.Clauses))
            {
                all.Add(clause);
            }

            return all;
        }

        var query = new BooleanQuery(disableCoord: true);
        query.Add(rare.Clauses.Count == 1 ? rare.Clauses[0].Query : rare, Occur.MUST);
        query.Add(common, Occur.SHOULD);
        return query;
    }

    private static Query? GroupQuery(TermGroup group)
    {
        if (group.Terms.Count == 1)
        {
            return TermQuery(group.Terms[0]);
        }

        if (group.Terms.Count == 0)
        {
            return null;
        }

        // The best of a word's terms counts, never their sum.
        var best = new DisjunctionMaxQuery(0f);
        foreach (var term in group.Terms)
        {
            best.Add(TermQuery(term));
        }

        return best;
    }

    private static TermQuery TermQuery(WeightedTerm term)
        => new(new Term(TextAnalysis.Field, term.Term)) { Boost = (float)term.Weight };
}
