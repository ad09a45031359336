using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Our ranking structure over the stored passages: for every passage its distinct terms with their counts (a
/// forward index), and for every term its document frequency and the highest BM25 saturation it reaches in
/// any passage. FTS5 finds which passages contain a term; this scores them exactly, and the per-term bounds tell
/// the matcher when no unseen passage can still enter the top results. Immutable; a new corpus generation
/// loads a new one while the old keeps answering.
/// </summary>
public sealed class SearchIndex
{
    // BM25 parameters for passages of a few sentences: flatter saturation and lighter length normalisation than
    // Lucene's document defaults (1.2, 0.75), as for short-passage collections (ChatBot.Bench quality on SQuAD).
    public const double K1 = 0.9;
    public const double B = 0.6;

    private readonly Dictionary<string, int> termIds;
    private readonly int[] docFrequency;
    private readonly float[] maxSaturation;
    private readonly long[] rowIds;
    private readonly ulong[] guilds;
    private readonly int[] lengths;
    private readonly int[] vectorStart;
    private readonly int[] packed;
    private readonly int[] docOfRow;

    private SearchIndex(
        long generation, Dictionary<string, int> termIds, int[] docFrequency, float[] maxSaturation, long[] rowIds,
        ulong[] guilds, int[] lengths, int[] vectorStart, int[] packed, double averageLength)
    {
        Generation = generation;
        this.termIds = termIds;
        this.docFrequency = docFrequency;
        this.maxSaturation = maxSaturation;
        this.rowIds = rowIds;
        this.guilds = guilds;
        this.lengths = lengths;
        this.vectorStart = vectorStart;
        this.packed = packed;
        AverageLength = averageLength;
        // Passage ids come from AUTOINCREMENT: dense enough to index an array by them.
        docOfRow = new int[rowIds.Length == 0 ? 1 : rowIds[^1] + 1];
        Array.Fill(docOfRow, -1);
        for (var i = 0; i < rowIds.Length; i++)
        {
            docOfRow[rowIds[i]] = i;
        }
    }

    private Dictionary<(char First, int Length), string[]>? spellingBuckets;

    public long Generation { get; }

    public int DocumentCount => rowIds.Length;

    public double AverageLength { get; }

    public int VocabularySize => termIds.Count;

    /// <summary>Every term of the index with its document frequency; terms no passage has any more are left out.</summary>
    public IEnumerable<KeyValuePair<string, int>> Vocabulary
        => termIds.Where(p => docFrequency[p.Value] > 0).Select(p => KeyValuePair.Create(p.Key, docFrequency[p.Value]));

    /// <summary>
    /// Terms of the vocabulary within <paramref name="maxEdits"/> edits of <paramref name="term"/> (same first
    /// letter, like most misspellings of a name), closest first, then most frequent.
    /// </summary>
    public IReadOnlyList<(string Term, int Distance)> SpellingNeighbours(string term, int maxEdits, int limit)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (term.Length == 0 || maxEdits <= 0)
        {
            return [];
        }

        var buckets = spellingBuckets ??= BuildSpellingBuckets();
        var found = new List<(string Term, int Distance, int Frequency)>();
        for (var length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            if (!buckets.TryGetValue((term[0], length), out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                var distance = Analysis.EditDistance.Bounded(term, candidate, maxEdits);
                if (distance > 0 && distance <= maxEdits)
                {
                    found.Add((candidate, distance, docFrequency[termIds[candidate]]));
                }
            }
        }

        return [.. found.OrderBy(f => f.Distance).ThenByDescending(f => f.Frequency).ThenBy(f => f.Term, StringComparer.Ordinal)
            .Take(limit).Select(f => (f.Term, f.Distance))];
    }

    /// <summary>The id of a term some passage contains, or -1.</summary>
    public int TermId(string term) => termIds.TryGetValue(term, out var id) && docFrequency[id] > 0 ? id : -1;

    public int DocumentFrequency(int termId) => termId < 0 ? 0 : docFrequency[termId];

    private Dictionary<(char First, int Length), string[]> BuildSpellingBuckets()
        => termIds.Where(p => docFrequency[p.Value] > 0 && p.Key.Length > 0)
            .GroupBy(p => (p.Key[0], p.Key.Length))
            .ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToArray());

    /// <summary>BM25 inverse document frequency (the Lucene variant, always positive).</summary>
    public double Idf(int termId)
    {
        var df = DocumentFrequency(termId);
        return Math.Log(1 + ((DocumentCount - df + 0.5) / (df + 0.5)));
    }

    /// <summary>The most a term can add to any passage's score, per unit of weight.</summary>
    public double UpperBound(int termId) => termId < 0 ? 0 : Idf(termId) * (K1 + 1) * maxSaturation[termId];

    public long RowId(int doc) => rowIds[doc];

    public int DocOfRow(long rowId) => rowId >= 0 && rowId < docOfRow.Length ? docOfRow[rowId] : -1;

    public int Length(int doc) => lengths[doc];

    public bool IsVisible(int doc, ulong? guildId) => guilds[doc] == 0 || guilds[doc] == guildId;

    /// <summary>How many times a term occurs in a passage (0 when it does not; counts above 255 read as 255).</summary>
    public int TermCount(int doc, int termId) => CountIn(Vector(doc), termId);

    /// <summary>The length part of BM25's saturation for a passage: k1·(1 − b + b·dl/avgdl).</summary>
    public double LengthNorm(int doc) => K1 * (1 - B + (B * lengths[doc] / AverageLength));

    /// <summary>A passage's terms, packed as <c>termId &lt;&lt; 8 | min(count, 255)</c> in ascending order.</summary>
    public ReadOnlySpan<int> Vector(int doc) => packed.AsSpan(vectorStart[doc], vectorStart[doc + 1] - vectorStart[doc]);

    /// <summary>How many times a term occurs in a packed vector (0 when it does not).</summary>
    public static int CountIn(ReadOnlySpan<int> vector, int termId)
    {
        // Binary search for the first entry at or above termId << 8.
        var key = termId << 8;
        int low = 0, high = vector.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var entry = vector[mid];
            if (entry < key)
            {
                low = mid + 1;
            }
            else if ((entry >> 8) > termId)
            {
                high = mid - 1;
            }
            else
            {
                return entry & 0xFF;
            }
        }

        return 0;
    }

    /// <summary>BM25 saturation tf·(k1+1)/(tf + k1·(1 − b + b·dl/avgdl)), without the idf.</summary>
    public double Saturation(int doc, int count)
        => count == 0 ? 0 : count * (K1 + 1) / (count + (K1 * (1 - B + (B * lengths[doc] / AverageLength))));

    public static SearchIndex Load(SqliteConnection connection, long generation, CancellationToken cancellationToken)
    {
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var vocabulary = connection.CreateCommand())
        {
            vocabulary.CommandText = "SELECT id, term FROM vocabulary";
            using var reader = vocabulary.ExecuteReader();
            while (reader.Read())
            {
                termIds[reader.GetString(1)] = reader.GetInt32(0);
            }
        }

        var df = new int[termIds.Count + 1];
        var rowIds = new List<long>();
        var guilds = new List<ulong>();
        var lengths = new List<int>();
        var starts = new List<int> { 0 };
        var terms = new List<int>();
        var counts = new List<ushort>();
        long totalLength = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT p.id, s.guild_id, p.length, p.vector FROM passages p JOIN sources s ON s.id = p.source_id ORDER BY p.id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rowIds.Add(reader.GetInt64(0));
                guilds.Add((ulong)reader.GetInt64(1));
                var length = reader.GetInt32(2);
                lengths.Add(length);
                totalLength += length;
                // GetFieldValue copies the blob in one call; GetBytes goes through a blob stream per row (3x slower).
                var first = terms.Count;
                TermVector.Decode(reader.GetFieldValue<byte[]>(3), terms, counts);
                for (var k = first; k < terms.Count; k++)
                {
                    df[terms[k]]++;
                }

                starts.Add(terms.Count);
            }
        }

        var averageLength = rowIds.Count == 0 ? 1 : Math.Max(1, (double)totalLength / rowIds.Count);
        var vectorStart = starts.ToArray();
        var packed = new int[terms.Count];
        for (var k = 0; k < packed.Length; k++)
        {
            packed[k] = (terms[k] << 8) | Math.Min((int)counts[k], 255);
        }

        var lengthArray = lengths.ToArray();
        var maxSaturation = new float[df.Length];
        for (var doc = 0; doc < rowIds.Count; doc++)
        {
            var norm = K1 * (1 - B + (B * lengthArray[doc] / averageLength));
            for (var k = vectorStart[doc]; k < vectorStart[doc + 1]; k++)
            {
                var count = packed[k] & 0xFF;
                var saturation = (float)(count / (count + norm));
                ref var max = ref maxSaturation[packed[k] >> 8];
                if (saturation > max)
                {
                    max = saturation;
                }
            }
        }

        return new SearchIndex(
            generation, termIds, df, maxSaturation, [.. rowIds], [.. guilds], lengthArray, vectorStart, packed, averageLength);
    }
}
