using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace ChatBot.Search.Semantic;

/// <summary>A passage's embedding and a hash of the text it was made from.</summary>
public sealed record PassageVector(uint TextHash, float[] Vector);

/// <summary>
/// One scope's passage embeddings, keyed by the passage's row id: held in memory for answers and kept in a file
/// (derived data, like the search index). The file is a header (format, model, store id, the last store change
/// the vectors reflect) and then records of (row id, text hash, vector) appended as the embedder makes them, and
/// of the negated row id when a passage goes; a torn last record (a crash mid-write) is dropped and the scope
/// caught up again, a file of another format, model or store is started afresh, and the file is rewritten
/// without the dead records once they are a quarter of it.
/// </summary>
public sealed class PassageVectors : IDisposable
{
    private const string Magic = "CHATBOT-VECTORS-1";
    private const int HeaderBytes = 256;
    private const int RecordBytes = sizeof(long) + sizeof(uint) + (EmbeddingModel.Dimensions * sizeof(float));

    private readonly ConcurrentDictionary<long, PassageVector> vectors = new();
    private readonly string path;
    private readonly string storeId;
    private FileStream file;
    private int records;

    private PassageVectors(string path, string storeId, FileStream file)
    {
        this.path = path;
        this.storeId = storeId;
        this.file = file;
    }

    /// <summary>The last store change of the scope the vectors reflect; null when never brought up to date.</summary>
    public long? AppliedChange { get; private set; }

    public int Count => vectors.Count;

    /// <summary>
    /// Whether another process keeps this file (the bot, while the command line answers): then its vectors are
    /// read as they were when opened, and nothing is written.
    /// </summary>
    public bool ReadOnly { get; private set; }

    /// <summary>Opens (or creates) the file at <paramref name="path"/> and reads its vectors.</summary>
    public static PassageVectors Open(string path, string storeId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeId);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        FileStream file;
        var readOnly = false;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Held for writing by another process: read what it has written.
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            readOnly = true;
        }

        var opened = new PassageVectors(path, storeId, file) { ReadOnly = readOnly };
        if (!opened.Load())
        {
            opened.Reset();
        }

        if (readOnly)
        {
            file.Dispose();
        }

        return opened;
    }

    public bool TryGet(long rowId, out PassageVector vector) => vectors.TryGetValue(rowId, out vector!);

    public IEnumerable<long> RowIds => vectors.Keys;

    /// <summary>
    /// The <paramref name="count"/> passages whose vectors are nearest <paramref name="query"/> (highest cosine),
    /// best first, leaving out <paramref name="except"/>: one pass over every vector of the scope.
    /// </summary>
    public List<(long RowId, double Similarity)> Nearest(ReadOnlySpan<float> query, int count, IReadOnlySet<long> except)
    {
        ArgumentNullException.ThrowIfNull(except);
        if (count <= 0)
        {
            return [];
        }

        var nearest = new PriorityQueue<long, double>(count + 1);
        foreach (var (rowId, vector) in vectors)
        {
            if (except.Contains(rowId))
            {
                continue;
            }

            var similarity = VectorMath.Cosine(query, vector.Vector);
            if (nearest.Count < count)
            {
                nearest.Enqueue(rowId, similarity);
            }
            else if (nearest.TryPeek(out _, out var lowest) && similarity > lowest)
            {
                nearest.EnqueueDequeue(rowId, similarity);
            }
        }

        var result = new List<(long RowId, double Similarity)>(nearest.Count);
        while (nearest.TryDequeue(out var rowId, out var similarity))
        {
            result.Add((rowId, similarity));
        }

        result.Reverse();
        return result;
    }

    /// <summary>Adds vectors and writes them to the file (durable at the next <see cref="Commit"/>).</summary>
    public void Add(IReadOnlyList<(long RowId, uint TextHash, float[] Vector)> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        ThrowIfReadOnly();
        var buffer = new byte[RecordBytes * added.Count];
        var span = buffer.AsSpan();
        foreach (var (rowId, hash, vector) in added)
        {
            if (vector.Length != EmbeddingModel.Dimensions)
            {
                throw new ArgumentException($"a vector has {vector.Length} dimensions, not {EmbeddingModel.Dimensions}", nameof(added));
            }

            BitConverter.TryWriteBytes(span, rowId);
            BitConverter.TryWriteBytes(span[sizeof(long)..], hash);
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(span[(sizeof(long) + sizeof(uint))..]);
            span = span[RecordBytes..];
        }

        file.Seek(HeaderBytes + ((long)records * RecordBytes), SeekOrigin.Begin);
        file.Write(buffer);
        records += added.Count;
        foreach (var (rowId, hash, vector) in added.Where(a => a.RowId > 0))
        {
            vectors[rowId] = new PassageVector(hash, vector);
        }
    }

    /// <summary>Forgets the vectors of passages no longer in the store, in the file too (a record of the negated row id).</summary>
    public void Remove(IReadOnlyCollection<long> rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        if (rowIds.Count == 0)
        {
            return;
        }

        var empty = new float[EmbeddingModel.Dimensions];
        Add([.. rowIds.Select(id => (-id, 0u, empty))]);
        foreach (var rowId in rowIds)
        {
            vectors.TryRemove(rowId, out _);
        }
    }

    /// <summary>Records that the vectors reflect the store up to <paramref name="changeId"/>, compacts when due, and flushes.</summary>
    public void Commit(long changeId)
    {
        ThrowIfReadOnly();
        if (records - vectors.Count > Math.Max(16, records / 4))
        {
            Compact();
        }

        AppliedChange = changeId;
        WriteHeader();
        file.Flush(flushToDisk: true);
    }

    /// <summary>Forgets every vector and empties the file, e.g. when the scope no longer gets embeddings.</summary>
    public void Clear()
    {
        ThrowIfReadOnly();
        vectors.Clear();
        Reset();
    }

    public void Dispose() => file.Dispose();

    private void ThrowIfReadOnly()
    {
        if (ReadOnly)
        {
            throw new InvalidOperationException($"{path} is kept by another process");
        }
    }

    private bool Load()
    {
        if (file.Length < HeaderBytes)
        {
            return false;
        }

        var header = new byte[HeaderBytes];
        file.Seek(0, SeekOrigin.Begin);
        file.ReadExactly(header);
        using (var reader = new BinaryReader(new MemoryStream(header), Encoding.UTF8))
        {
            if (reader.ReadString() != Magic || reader.ReadString() != EmbeddingModel.ModelId || reader.ReadString() != storeId)
            {
                return false;
            }

            var applied = reader.ReadInt64();
            AppliedChange = applied < 0 ? null : applied;
        }

        records = (int)((file.Length - HeaderBytes) / RecordBytes);
        var record = new byte[RecordBytes];
        for (var i = 0; i < records; i++)
        {
            file.ReadExactly(record);
            var rowId = BitConverter.ToInt64(record);
            if (rowId < 0)
            {
                vectors.TryRemove(-rowId, out _);
                continue;
            }

            var vector = new float[EmbeddingModel.Dimensions];
            MemoryMarshal.Cast<byte, float>(record.AsSpan(sizeof(long) + sizeof(uint))).CopyTo(vector);
            vectors[rowId] = new PassageVector(BitConverter.ToUInt32(record, sizeof(long)), vector);
        }

        // A record cut short by a crash is dropped, and the scope counts as behind: its passage is embedded again.
        if (file.Length != HeaderBytes + ((long)records * RecordBytes))
        {
            AppliedChange = null;
            if (!ReadOnly)
            {
                file.SetLength(HeaderBytes + ((long)records * RecordBytes));
            }
        }

        return true;
    }

    private void Reset()
    {
        vectors.Clear();
        records = 0;
        AppliedChange = null;
        if (ReadOnly)
        {
            return;
        }

        file.SetLength(0);
        WriteHeader();
        file.Flush(flushToDisk: true);
    }

    private void WriteHeader()
    {
        var header = new byte[HeaderBytes];
        using (var writer = new BinaryWriter(new MemoryStream(header), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(EmbeddingModel.ModelId);
            writer.Write(storeId);
            writer.Write(AppliedChange ?? -1);
        }

        file.Seek(0, SeekOrigin.Begin);
        file.Write(header);
    }

    /// <summary>Writes the live vectors to a new file and puts it in place of the old one.</summary>
    private void Compact()
    {
        var temporary = path + ".compacting";
        var live = vectors.Select(p => (p.Key, p.Value.TextHash, p.Value.Vector)).ToList();
        var fresh = new FileStream(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        var old = file;
        file = fresh;
        records = 0;
        WriteHeader();
        Add(live);
        file.Flush(flushToDisk: true);
        old.Dispose();
        File.Move(temporary, path, overwrite: true);
    }
}
