using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ChatBot.Search.Index;

/// <summary>
/// One scope's Lucene index (the bundled corpus, or one server's sources) in a folder of its own. Readers come
/// from a <see cref="SearcherManager"/>; the writer opens on the first change (so a process that only reads
/// never takes the write lock) and from then on readers are near-real-time over it. Commits carry the store's
/// id and the last store change they reflect. Passage text is not stored: it lives in the store, and a hit
/// carries its row id as a doc value.
/// </summary>
internal sealed class ScopeIndex : IDisposable
{
    public const string SourceField = "source";
    public const string RowField = "row";
    private const string StoreKey = "store";
    private const string ChangeKey = "change";

    private static readonly FieldType TextType = CreateTextType();

    private readonly string path;
    private readonly string storeId;
    private readonly System.Threading.Lock gate = new();
    private readonly ThreadLocal<PassageDocument> documents = new(() => new PassageDocument());
    private readonly LuceneDirectory directory;
    private IndexWriter? writer;
    private SearcherManager? searchers;
    private bool disposed;
    private long? preparedChange;

    public ScopeIndex(string path, string storeId)
    {
        this.path = path;
        this.storeId = storeId;
        try
        {
            System.IO.Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SearchIndexException($"cannot create the search index folder {path}: {e.Message}", e);
        }

        // Memory-mapped: postings are read straight from the page cache, with no system call, lock or buffer copy
        // per block (NIOFS re-reads the file's length and takes a lock on every refill). The index holds no text
        // (the store does), so what is mapped is small: terms, postings and norms. Each postings list a question
        // opens clones the file and the clone is tracked for the collector, so SegmentTerms reuses them.
        directory = new MMapDirectory(new DirectoryInfo(path));
    }

    public string Path => path;

    /// <summary>
    /// The last store change the committed index reflects, or null when there is no index, it belongs to
    /// another store, or it cannot be read (corrupt, half written, of another format).
    /// </summary>
    public long? AppliedChange()
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                return null;
            }

            var infos = new SegmentInfos();
            infos.Read(directory);
            var data = infos.UserData;
            return data.TryGetValue(StoreKey, out var store) && store == storeId
                && data.TryGetValue(ChangeKey, out var change)
                && long.TryParse(change, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? id
                : null;
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            return null;
        }
    }

    /// <summary>A searcher over the committed (or, once this process writes, the latest) passages; null when there are none.</summary>
    public Lease? Acquire()
    {
        SearcherManager? manager;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            manager = searchers ??= OpenReaders();
        }

        return manager is null ? null : new Lease(manager, manager.Acquire());
    }

    /// <summary>Deletes every passage of a source (not yet visible or durable).</summary>
    public void RemoveSource(string source) => Writer().DeleteDocuments(new Term(SourceField, source));

    /// <summary>Adds passages (not yet visible or durable); safe from several threads at once.</summary>
    public void Add(IEnumerable<IndexedPassage> passages)
    {
        var target = Writer();
        var document = documents.Value!;
        foreach (var passage in passages)
        {
            target.AddDocument(document.Set(passage));
        }
    }

    /// <summary>Empties the index (not yet visible or durable).</summary>
    public void RemoveAll() => Writer().DeleteAll();

    /// <summary>
    /// The slow half of <see cref="Commit"/>: flushes what was changed into segments and syncs them, with a commit
    /// point for <paramref name="changeId"/> that no reader sees until <see cref="Commit"/> finishes it (a crash
    /// before then leaves the last commit as it was). <see cref="Rollback"/> drops it.
    /// </summary>
    public void PrepareCommit(long changeId)
    {
        var target = Writer();
        target.SetCommitData(new Dictionary<string, string>
        {
            [StoreKey] = storeId,
            [ChangeKey] = changeId.ToString(CultureInfo.InvariantCulture),
        });
        target.PrepareCommit();
        preparedChange = changeId;
    }

    /// <summary>Commits what was changed as reflecting <paramref name="changeId"/> and refreshes the readers.</summary>
    public void Commit(long changeId)
    {
        if (preparedChange != changeId)
        {
            if (preparedChange is not null)
            {
                throw new InvalidOperationException($"a commit for change {preparedChange} is prepared, not for {changeId}");
            }

            PrepareCommit(changeId);
        }

        Writer().Commit();
        preparedChange = null;
        Refresh();
    }

    /// <summary>Shows uncommitted changes to new questions (near-real-time), without making them durable.</summary>
    public void Refresh()
    {
        SearcherManager? manager;
        lock (gate)
        {
            manager = searchers;
        }

        manager?.MaybeRefreshBlocking();
    }

    /// <summary>Drops the changes since the last commit; the writer is closed and opens again on the next change.</summary>
    public void Rollback()
    {
        lock (gate)
        {
            if (writer is null)
            {
                return;
            }

            writer.Rollback();
            writer = null;
            preparedChange = null;
            searchers?.Dispose();
            searchers = null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            searchers?.Dispose();

            // Every change meant to last was committed; closing with a rollback keeps a change cut short (a
            // shutdown mid-update) out of the index, where disposing would commit it.
            writer?.Rollback();
            directory.Dispose();
            documents.Dispose();
        }
    }

    private IndexWriter Writer()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (writer is not null)
            {
                return writer;
            }

            writer = OpenWriter();

            // From now on readers see this writer's changes as soon as they are refreshed.
            searchers?.Dispose();
            searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
            return writer;
        }
    }

    private IndexWriter OpenWriter()
    {
        var config = new IndexWriterConfig(PassageAnalyzer.Version, SharedAnalyzer.Instance)
        {
            Similarity = Bm25.Similarity,
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 256,

            // A flushed segment's files stay as they are rather than being copied into one compound file: the copy
            // is pure I/O at every flush, and the few files a scope's index has are no burden.
            UseCompoundFile = false,
        };
        var merges = new ConcurrentMergeScheduler();
        merges.SetMaxMergesAndThreads(2, 1);
        config.MergeScheduler = merges;
        try
        {
            return new IndexWriter(directory, config);
        }
        catch (LockObtainFailedException e)
        {
            throw new SearchIndexException($"the search index {path} is being written by another process", e);
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            // Unreadable: it is derived data, so start it afresh; the caller rebuilds it from the store.
            config = new IndexWriterConfig(PassageAnalyzer.Version, SharedAnalyzer.Instance)
            {
                Similarity = Bm25.Similarity,
                OpenMode = OpenMode.CREATE,
                RAMBufferSizeMB = 256,
                UseCompoundFile = false,
                MergeScheduler = merges,
            };
            return new IndexWriter(directory, config);
        }
    }

    private SearcherManager? OpenReaders()
    {
        try
        {
            return DirectoryReader.IndexExists(directory) ? new SearcherManager(directory, new Bm25SearcherFactory()) : null;
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            throw new SearchIndexException($"the search index {path} cannot be read: {e.Message}", e);
        }
    }

    private static FieldType CreateTextType()
    {
        // Frequencies and length norms are all BM25 needs; no positions, offsets or stored text.
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = false,
            IndexOptions = IndexOptions.DOCS_AND_FREQS,
            OmitNorms = false,
        };
        type.Freeze();
        return type;
    }

    /// <summary>One document per thread, its fields reused for every passage the thread adds.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The term stream holds no resources; it lives as long as its thread's document.")]
    private sealed class PassageDocument
    {
        private readonly Document document = [];
        private readonly TermListStream terms = new();
        private readonly Field text;
        private readonly StringField source = new(SourceField, "", Field.Store.NO);
        private readonly NumericDocValuesField row = new(RowField, 0);

        public PassageDocument()
        {
            text = new Field(TextAnalysis.Field, terms, TextType);
            document.Add(text);
            document.Add(source);
            document.Add(row);
        }

        public Document Set(IndexedPassage passage)
        {
            terms.Set(passage.Tokens ?? TextAnalysis.Analyze(passage.Text));
            source.SetStringValue(passage.Source);
            row.SetInt64Value(passage.RowId);
            return document;
        }
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Bm25.Similarity };
    }

    /// <summary>A searcher taken from a scope's manager, given back on dispose.</summary>
    public sealed class Lease(SearcherManager manager, IndexSearcher searcher) : IDisposable
    {
        public IndexSearcher Searcher { get; } = searcher;

        public void Dispose() => manager.Release(Searcher);
    }
}
