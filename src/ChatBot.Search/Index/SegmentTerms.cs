using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ChatBot.Search.Index;

/// <summary>
/// The terms one question looks up, each sought once per segment: its document frequency over what the question
/// may see, and where its postings stand in each segment that has it, so the matcher opens them without seeking
/// the term dictionary again. The term and postings enumerators are borrowed from the segment's pool and given
/// back when the question is done: a fresh enumerator per look-up (what <see cref="IndexReader.DocFreq(Term)"/>
/// makes) costs kilobytes of frames and buffers, and each fresh postings list clones the segment's file, which
/// the memory-mapped directory tracks for the garbage collector. One question's, on one thread.
/// </summary>
internal sealed class SegmentTerms(IndexReader reader) : IDisposable
{
    /// <summary>Enumerators kept per segment for later questions; more are made when more are needed at once.</summary>
    private const int PooledPerSegment = 256;

    private static readonly ConditionalWeakTable<object, Pool> Pools = [];

    private readonly IList<AtomicReaderContext> leaves = reader.Leaves;
    private readonly Dictionary<string, TermStates> found = new(StringComparer.Ordinal);
    private readonly List<(Pool Pool, DocsEnum Postings)> lent = [];
    private (Pool Pool, TermsEnum? Terms)[]? enumerators;

    /// <summary>A term's document frequency over the scope and its state in each segment (null where it is absent).</summary>
    public sealed record TermStates(BytesRef Bytes, int DocumentFrequency, TermState?[] PerSegment);

    public TermStates Find(string term)
    {
        if (found.TryGetValue(term, out var known))
        {
            return known;
        }

        var bytes = new BytesRef(term);
        var states = new TermState?[leaves.Count];
        var frequency = 0;
        for (var i = 0; i < leaves.Count; i++)
        {
            if (Enumerator(i) is { } enumerator && enumerator.SeekExact(bytes))
            {
                frequency += enumerator.DocFreq;
                states[i] = enumerator.GetTermState();
            }
        }

        return found[term] = new TermStates(bytes, frequency, states);
    }

    /// <summary>
    /// The postings (with frequencies) of a term in a segment that has it, over the passages <paramref name="accepted"/>
    /// lets through; null when the segment lacks the term.
    /// </summary>
    public DocsEnum? Postings(int segment, TermStates term, IBits? accepted)
    {
        if (term.PerSegment[segment] is not { } state || Enumerator(segment) is not { } enumerator)
        {
            return null;
        }

        enumerator.SeekExact(term.Bytes, state);
        var pool = enumerators![segment].Pool;
        pool.Postings.TryTake(out var reuse);
        var postings = enumerator.Docs(accepted, reuse, DocsFlags.FREQS);
        lent.Add((pool, postings));
        return postings;
    }

    /// <summary>The segment's enumerator of the passage field's terms; null when the segment has none.</summary>
    public TermsEnum? Enumerator(int segment)
    {
        enumerators ??= new (Pool, TermsEnum?)[leaves.Count];
        if (enumerators[segment].Pool is null)
        {
            var atomic = leaves[segment].AtomicReader;
            var pool = Pools.GetValue(atomic.CoreCacheKey, _ => new Pool());
            enumerators[segment] = (pool, pool.Terms.TryTake(out var pooled) ? pooled : atomic.GetTerms(TextAnalysis.Field)?.GetEnumerator());
        }

        return enumerators[segment].Terms;
    }

    public void Dispose()
    {
        foreach (var (pool, postings) in lent)
        {
            if (pool.Postings.Count < PooledPerSegment)
            {
                pool.Postings.Add(postings);
            }
        }

        lent.Clear();
        foreach (var (pool, terms) in enumerators ?? [])
        {
            if (pool is not null && terms is not null && pool.Terms.Count < PooledPerSegment)
            {
                pool.Terms.Add(terms);
            }
        }

        enumerators = null;
    }

    /// <summary>One segment's idle enumerators (a segment's terms and postings are the same for every reader of it).</summary>
    private sealed class Pool
    {
        public ConcurrentBag<TermsEnum> Terms { get; } = [];

        public ConcurrentBag<DocsEnum> Postings { get; } = [];
    }
}
