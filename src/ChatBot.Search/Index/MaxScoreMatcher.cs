using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ChatBot.Search.Index;

/// <summary>
/// The best <c>depth</c> passages for a disjunction of term groups, scored exactly as Lucene's BM25Similarity
/// scores a <see cref="BooleanQuery"/> of <see cref="DisjunctionMaxQuery"/> groups (each group the best of its
/// terms, the groups summed), over the index's own term dictionary, postings and length norms. It reads the
/// postings document at a time with MaxScore (Turtle and Flood, 1995; Lucene 8 adopted it): once the best
/// <c>depth</c> scores so far exceed what the weakest words could add together, those words' posting lists
/// are only skipped through to score passages a stronger word found, so common words never cost their whole
/// lists. Lucene.Net 4.8's BooleanScorer reads every posting of every word.
/// </summary>
internal sealed class MaxScoreMatcher
{
    private static readonly float[] LengthOfNorm = NormLengths();

    /// <summary>
    /// Per segment (until it is merged away) and per term: the most BM25's saturation reaches for the term in any
    /// live passage of the segment, for a given average length. Learnt for free the first time a question reads
    /// the term's whole posting list (until then the bound is saturation's limit, k1 + 1); the bound it gives is
    /// far tighter, which is what lets MaxScore skip. Deleting passages can only lower the true maximum.
    /// </summary>
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Term, float AverageLength), float>> MaxSaturation = [];

    private const int MaxCachedTermsPerSegment = 200_000;

    private readonly IndexReader reader;
    private readonly SegmentTerms terms;
    private readonly float k1 = Bm25.K1;

    public MaxScoreMatcher(IndexReader reader, SegmentTerms terms)
    {
        this.reader = reader;
        this.terms = terms;
    }

    /// <param name="accepted">Per segment, the passages that may be returned (live ones only); null: every live passage.</param>
    public IndexHits Search(IReadOnlyList<TermGroup> groups, int depth, Func<AtomicReaderContext, IBits>? accepted, CancellationToken cancellationToken)
    {
        var documents = reader.MaxDoc;
        var fieldTerms = MultiFields.GetTerms(reader, TextAnalysis.Field);
        if (fieldTerms is null || documents == 0)
        {
            return new IndexHits([], 0);
        }

        var total = fieldTerms.SumTotalTermFreq;
        var averageLength = total <= 0 ? 1f : (float)(total / (double)documents);
        var lengthPart = new float[256];
        for (var i = 0; i < lengthPart.Length; i++)
        {
            lengthPart[i] = k1 * ((1 - Bm25.B) + (Bm25.B * LengthOfNorm[i] / averageLength));
        }

        // Per group: its terms with their BM25 weight (idf × boost over the whole scope).
        var plan = new List<GroupPlan>();
        foreach (var group in groups)
        {
            var members = new List<(SegmentTerms.TermStates Term, float Weight)>();
            foreach (var term in group.Terms)
            {
                var states = terms.Find(term.Term);
                var frequency = states.DocumentFrequency;
                if (frequency > 0)
                {
                    var idf = (float)Math.Log(1 + ((documents - frequency + 0.5D) / (frequency + 0.5D)));
                    members.Add((states, idf * (float)term.Weight));
                }
            }

            if (members.Count > 0)
            {
                plan.Add(new GroupPlan([.. members]));
            }
        }

        if (plan.Count == 0)
        {
            return new IndexHits([], 0);
        }

        var top = new TopHits(depth);
        var scored = 0;
        foreach (var leaf in reader.Leaves)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scored += SearchLeaf(leaf, plan, averageLength, lengthPart, top, accepted?.Invoke(leaf));
        }

        return new IndexHits(top.Best(), scored);
    }

    private int SearchLeaf(AtomicReaderContext leaf, List<GroupPlan> groups, float averageLength, float[] lengthPart, TopHits top, IBits? accepted)
    {
        var atomic = leaf.AtomicReader;
        var norms = atomic.GetNormValues(TextAnalysis.Field);
        var rows = atomic.GetNumericDocValues(ScopeIndex.RowField);
        if (terms.Enumerator(leaf.Ord) is null || norms is null || rows is null)
        {
            return 0;
        }

        var saturations = MaxSaturation.GetValue(atomic.CoreCacheKey, _ => new ConcurrentDictionary<(string, float), float>());
        var plan = new List<(Cursor[] Cursors, float Bound)>(groups.Count);
        foreach (var group in groups)
        {
            var members = new List<Cursor>(group.Members.Length);
            var bound = 0f;
            foreach (var (term, weight) in group.Members)
            {
                if (terms.Postings(leaf.Ord, term, accepted ?? atomic.LiveDocs) is not { } postings)
                {
                    continue;
                }

                var key = (term.Bytes.Utf8ToString(), averageLength);
                var known = saturations.TryGetValue(key, out var saturation);
                var first = postings.NextDoc();
                if (first != DocIdSetIterator.NO_MORE_DOCS)
                {
                    // A filtered list is not the whole list: its greatest saturation is no bound for the term.
                    members.Add(new Cursor(postings, weight, first, known || accepted is not null ? null : key));
                    bound = Math.Max(bound, weight * (known ? saturation : k1 + 1));
                }
            }

            if (members.Count > 0)
            {
                plan.Add(([.. members], bound));
            }
        }

        // Weakest first: the groups that cannot together lift a passage into the best are a prefix of this order.
        plan.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        var cursors = plan.Select(p => p.Cursors).ToArray();
        var boundUpTo = new float[plan.Count];
        for (var g = 0; g < plan.Count; g++)
        {
            boundUpTo[g] = (plan[g].Bound * 1.0001f) + (g > 0 ? boundUpTo[g - 1] : 0);
        }

        // Groups [0, essential) could not together lift a passage into the best; they are only looked up.
        var essential = 0;
        while (essential < plan.Count && boundUpTo[essential] <= top.Threshold)
        {
            essential++;
        }

        // Document at a time over windows of passages: the essential groups' postings inside a window are scored
        // list by list into the window's slots (each posting costs the same however many lists there are), then
        // the passages they matched, in order, take what the other groups add while it can still matter.
        var window = new WindowScores();
        var scored = 0;
        while (essential < plan.Count)
        {
            var start = DocIdSetIterator.NO_MORE_DOCS;
            for (var g = essential; g < plan.Count; g++)
            {
                foreach (var cursor in cursors[g])
                {
                    start = Math.Min(start, cursor.Doc);
                }
            }

            if (start == DocIdSetIterator.NO_MORE_DOCS)
            {
                break;
            }

            var end = (int)Math.Min((long)start + WindowScores.Size, DocIdSetIterator.NO_MORE_DOCS);
            var windowEssential = essential;
            for (var g = windowEssential; g < plan.Count; g++)
            {
                window.AddGroup(cursors[g], start, end, norms, lengthPart, k1);
            }

            foreach (var slot in window.Matched())
            {
                var doc = start + slot;
                var score = window.Score(slot);
                var lengthNorm = 0f;
                for (var g = windowEssential - 1; g >= 0 && score + boundUpTo[g] > top.Threshold; g--)
                {
                    if (g == windowEssential - 1)
                    {
                        lengthNorm = lengthPart[norms.Get(doc) & 0xFF];
                    }

                    var best = 0f;
                    foreach (var cursor in cursors[g])
                    {
                        if (cursor.Doc < doc)
                        {
                            cursor.Doc = cursor.Postings.Advance(doc);
                            cursor.Skipped = true;
                        }

                        if (cursor.Doc == doc)
                        {
                            best = Math.Max(best, cursor.Score(k1, lengthNorm));
                        }
                    }

                    score += best;
                }

                scored++;
                if (top.Offer(leaf.DocBase + doc, score, rows, doc))
                {
                    while (essential < plan.Count && boundUpTo[essential] <= top.Threshold)
                    {
                        essential++;
                    }
                }
            }

            window.Clear();
        }

        // A term whose whole list was read has shown its greatest saturation in this segment.
        foreach (var cursor in cursors.SelectMany(c => c))
        {
            if (cursor.Learning is { } key && !cursor.Skipped && cursor.Doc == DocIdSetIterator.NO_MORE_DOCS && saturations.Count < MaxCachedTermsPerSegment)
            {
                saturations.TryAdd(key, cursor.MostSaturation);
            }
        }

        return scored;
    }

    private static float[] NormLengths()
    {
        var norms = new NormDecoder();
        var lengths = new float[256];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = norms.Length((byte)i);
        }

        return lengths;
    }

    private sealed record GroupPlan((SegmentTerms.TermStates Term, float Weight)[] Members);

    /// <summary>A term's postings in one segment, where they stand, and the term's weight.</summary>
    private sealed class Cursor(DocsEnum postings, float weight, int doc, (string, float)? learning)
    {
        public DocsEnum Postings { get; } = postings;

        public int Doc { get; set; } = doc;

        /// <summary>The saturation-cache key, when the term's greatest saturation in this segment is not known yet.</summary>
        public (string, float)? Learning { get; } = learning;

        /// <summary>Whether passages of the list were skipped, so <see cref="MostSaturation"/> may not be its greatest.</summary>
        public bool Skipped { get; set; }

        public float MostSaturation { get; private set; }

        /// <summary>BM25Similarity's score for the current passage, its length part precomputed.</summary>
        public float Score(float k1, float lengthNorm)
        {
            float frequency = Postings.Freq;
            var saturation = frequency * (k1 + 1) / (frequency + lengthNorm);
            MostSaturation = Math.Max(MostSaturation, saturation);
            return weight * saturation;
        }
    }

    /// <summary>The best passages so far by score, ties to the earlier passage, as Lucene's collector keeps them.</summary>
    private sealed class TopHits(int depth)
    {
        private readonly PriorityQueue<(int Doc, float Score, long Row), (float Score, int NegativeDoc)> queue = new();

        /// <summary>The score a passage must beat to enter; 0 until the best are filled.</summary>
        public float Threshold { get; private set; }

        /// <summary>Takes a passage when it beats the threshold; true when the threshold rose.</summary>
        public bool Offer(int doc, float score, NumericDocValues rows, int localDoc)
        {
            if (queue.Count == depth && score <= Threshold)
            {
                return false;
            }

            var row = rows.Get(localDoc);
            if (queue.Count == depth)
            {
                queue.DequeueEnqueue((doc, score, row), (score, -doc));
            }
            else
            {
                queue.Enqueue((doc, score, row), (score, -doc));
            }

            if (queue.Count < depth)
            {
                return false;
            }

            queue.TryPeek(out _, out var lowest);
            Threshold = lowest.Score;
            return true;
        }

        public List<IndexHit> Best()
        {
            var hits = new List<IndexHit>(queue.Count);
            while (queue.TryDequeue(out var hit, out _))
            {
                hits.Add(new IndexHit(hit.Row, hit.Score));
            }

            hits.Reverse();
            return hits;
        }
    }

    /// <summary>
    /// The scores of one window of passages: per slot the sum over the groups so far of each group's best term,
    /// and which slots any group matched. Groups are added in the same order the passages' scores were summed
    /// passage by passage, so every score comes out the same to the last bit.
    /// </summary>
    private sealed class WindowScores
    {
        public const int Size = 2048;

        private readonly float[] scores = new float[Size];
        private readonly ulong[] matched = new ulong[Size / 64];
        private readonly float[] groupBest = new float[Size];
        private readonly ulong[] groupMatched = new ulong[Size / 64];

        /// <summary>Scores the group's postings in [start, end) and leaves each cursor at its first passage after.</summary>
        public void AddGroup(Cursor[] cursors, int start, int end, NumericDocValues norms, float[] lengthPart, float k1)
        {
            if (cursors.Length == 1)
            {
                var cursor = cursors[0];
                while (cursor.Doc < end)
                {
                    var slot = cursor.Doc - start;
                    Add(slot, cursor.Score(k1, lengthPart[norms.Get(cursor.Doc) & 0xFF]));
                    cursor.Doc = cursor.Postings.NextDoc();
                }

                return;
            }

            foreach (var cursor in cursors)
            {
                while (cursor.Doc < end)
                {
                    var slot = cursor.Doc - start;
                    var score = cursor.Score(k1, lengthPart[norms.Get(cursor.Doc) & 0xFF]);
                    ref var word = ref groupMatched[slot >> 6];
                    var bit = 1UL << slot;
                    if ((word & bit) == 0)
                    {
                        word |= bit;
                        groupBest[slot] = score;
                    }
                    else
                    {
                        groupBest[slot] = Math.Max(groupBest[slot], score);
                    }

                    cursor.Doc = cursor.Postings.NextDoc();
                }
            }

            for (var w = 0; w < groupMatched.Length; w++)
            {
                var bits = groupMatched[w];
                while (bits != 0)
                {
                    var slot = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    Add(slot, groupBest[slot]);
                    bits &= bits - 1;
                }

                groupMatched[w] = 0;
            }
        }

        /// <summary>The matched slots in passage order.</summary>
        public IEnumerable<int> Matched()
        {
            for (var w = 0; w < matched.Length; w++)
            {
                var bits = matched[w];
                while (bits != 0)
                {
                    yield return (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                }
            }
        }

        public float Score(int slot) => scores[slot];

        public void Clear() => Array.Clear(matched);

        private void Add(int slot, float score)
        {
            ref var word = ref matched[slot >> 6];
            var bit = 1UL << slot;
            if ((word & bit) == 0)
            {
                word |= bit;
                scores[slot] = score;
            }
            else
            {
                scores[slot] += score;
            }
        }
    }

    /// <summary>BM25Similarity's own decoding of a length norm, so lengths are exactly what Lucene scores with.</summary>
    private sealed class NormDecoder : BM25Similarity
    {
        public float Length(byte norm) => DecodeNormValue(norm);
    }
}
