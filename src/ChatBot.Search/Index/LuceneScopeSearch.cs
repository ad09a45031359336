using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ChatBot.Search.Index;

/// <summary>
/// What one question may see, read together: the bundled corpus's index alone, or with the server's index
/// through a <see cref="MultiReader"/>, so document frequencies, lengths and the vocabulary come from exactly
/// the asker's corpus. Queries are analyzed terms matched by <see cref="MaxScoreMatcher"/>, never parsed user text.
/// </summary>
internal sealed class LuceneScopeSearch : IScopeSearch
{
    private readonly List<(ulong Guild, ScopeIndex.Lease Lease)> leases;
    private readonly IndexReader? reader;
    private readonly SegmentTerms? terms;

    public LuceneScopeSearch(List<(ulong Guild, ScopeIndex.Lease Lease)> leases)
    {
        this.leases = leases;
        if (leases.Count == 1)
        {
            reader = leases[0].Lease.Searcher.IndexReader;
        }
        else if (leases.Count > 1)
        {
            reader = new MultiReader([.. leases.Select(l => l.Lease.Searcher.IndexReader)], closeSubReaders: false);
        }

        terms = reader is null ? null : new SegmentTerms(reader);
    }

    public int DocumentCount => reader?.NumDocs ?? 0;

    public int DocumentFrequency(string term) => terms?.Find(term).DocumentFrequency ?? 0;

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

        // The vocabulary's terms that share the first letter (like most misspellings of a name, a neighbour keeps
        // it), read in order from the term dictionary, each compared with the term by edits and transpositions with
        // a cut-off. Lucene's Levenshtein automata find the same terms, but compiling a two-edit automaton took
        // about 2 ms and 1.8 MB per word, which set off collections in the middle of other questions.
        var edits = Math.Min(maxEdits, 2);
        var first = char.IsHighSurrogate(term[0]) && term.Length > 1 ? term[..2] : term[..1];
        var prefix = new BytesRef(first);
        var enumerator = terms.GetEnumerator();
        if (enumerator.SeekCeil(prefix) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        var found = new List<(string Term, int Distance, int Frequency)>();
        var buffer = new char[PassageAnalyzer.MaxTokenLength * 2];
        do
        {
            var bytes = enumerator.Term;
            if (!StringHelper.StartsWith(bytes, prefix))
            {
                break;
            }

            if (Math.Abs(bytes.Length - term.Length) > edits * 4 || bytes.Length > buffer.Length)
            {
                continue;
            }

            var length = System.Text.Encoding.UTF8.GetChars(bytes.Bytes, bytes.Offset, bytes.Length, buffer, 0);
            var candidate = buffer.AsSpan(0, length);
            if (Math.Abs(length - term.Length) <= edits && EditDistance.Within(term, candidate, edits) is var distance and > 0 && distance <= edits)
            {
                found.Add((candidate.ToString(), distance, enumerator.DocFreq));
            }
        }
        while (enumerator.MoveNext());

        return [.. found.OrderBy(f => f.Distance).ThenByDescending(f => f.Frequency).ThenBy(f => f.Term, StringComparer.Ordinal)
            .Take(limit).Select(f => (f.Term, f.Distance))];
    }

    public IndexHits Search(IReadOnlyList<TermGroup> groups, int depth, CancellationToken cancellationToken)
        => Search(groups, depth, null, cancellationToken);

    public IndexHits Search(IReadOnlyList<TermGroup> groups, int depth, SourceSelection? only, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (reader is null || terms is null || groups.Count == 0 || depth <= 0)
        {
            return new IndexHits([], 0);
        }

        return new MaxScoreMatcher(reader, terms).Search(groups, depth, only is null ? null : Accepted(only), cancellationToken);
    }

    /// <summary>
    /// Per segment, the live passages of the sources <paramref name="only"/> names for the scope the segment
    /// belongs to (a slug of the bundled corpus is not the server's source of the same name), from the source field.
    /// </summary>
    private Func<AtomicReaderContext, IBits> Accepted(SourceSelection only)
    {
        var owners = new Dictionary<object, ulong>(ReferenceEqualityComparer.Instance);
        foreach (var (guild, lease) in leases)
        {
            foreach (var leaf in lease.Searcher.IndexReader.Leaves)
            {
                owners[leaf.AtomicReader.CoreCacheKey] = guild;
            }
        }

        return leaf =>
        {
            var atomic = leaf.AtomicReader;
            var slugs = owners.GetValueOrDefault(atomic.CoreCacheKey) == 0 ? only.Bundled : only.Server;
            var accepted = new FixedBitSet(Math.Max(1, atomic.MaxDoc));
            var terms = atomic.GetTerms(ScopeIndex.SourceField);
            if (terms is null || slugs.Count == 0)
            {
                return accepted;
            }

            var enumerator = terms.GetEnumerator();
            DocsEnum? postings = null;
            foreach (var slug in slugs)
            {
                if (!enumerator.SeekExact(new BytesRef(slug)))
                {
                    continue;
                }

                postings = enumerator.Docs(atomic.LiveDocs, postings, DocsFlags.NONE);
                for (var doc = postings.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.NextDoc())
                {
                    accepted.Set(doc);
                }
            }

            return accepted;
        };
    }

    public void Dispose()
    {
        terms?.Dispose();
        if (leases.Count > 1)
        {
            reader?.Dispose();
        }

        foreach (var (_, lease) in leases)
        {
            lease.Dispose();
        }
    }
}
