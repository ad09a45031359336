using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using ChatBot.Core;

namespace ChatBot.Search.Index;

/// <summary>
/// The search index as Lucene folders under one root: <c>global</c> for the bundled corpus and
/// <c>guild-&lt;id&gt;</c> for each server's sources, each opened on first use and kept open.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private readonly string root;
    private readonly string storeId;
    private readonly ConcurrentDictionary<ulong, Lazy<ScopeIndex>> scopes = new();
    private readonly IndexMetrics metrics;

    /// <param name="root">The folder the scope folders live in.</param>
    /// <param name="storeId">The id of the store this index is derived from; an index of another store counts as missing.</param>
    /// <param name="meters">Where its size and refresh time are reported; none without.</param>
    public LuceneSearchIndex(string root, string storeId, IMeterFactory? meters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeId);
        this.root = System.IO.Path.GetFullPath(root);
        this.storeId = storeId;
        metrics = new IndexMetrics(meters, CountPassages);
    }

    public string Root => root;

    public IScopeSearch Open(CorpusScope scope)
    {
        var leases = new List<(ulong Guild, ScopeIndex.Lease Lease)>(2);
        try
        {
            if (Scope(0).Acquire() is { } global)
            {
                leases.Add((0, global));
            }

            if (scope.GuildId is { } guild && guild != 0 && HasFolder(guild) && Scope(guild).Acquire() is { } own)
            {
                leases.Add((guild, own));
            }

            return new LuceneScopeSearch(leases);
        }
        catch
        {
            foreach (var (_, lease) in leases)
            {
                lease.Dispose();
            }

            throw;
        }
    }

    public long? AppliedChange(ulong guildId) => guildId == 0 || HasFolder(guildId) ? Scope(guildId).AppliedChange() : null;

    public void Rebuild(ulong guildId, IEnumerable<IndexedPassage> passages, long changeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var scope = Scope(guildId);
        try
        {
            scope.RemoveAll();

            // Analysis is most of the work: the calling thread reads the store while the cores index.
            Parallel.ForEach(
                passages.Chunk(256),
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                scope.Add);
            Commit(scope, changeId);
        }
        catch
        {
            scope.Rollback();
            throw;
        }
    }

    public IIndexUpdate BeginUpdate(ulong guildId) => new Update(this, Scope(guildId));

    public void Dispose()
    {
        foreach (var scope in scopes.Values.Where(s => s.IsValueCreated))
        {
            scope.Value.Dispose();
        }
    }

    private ScopeIndex Scope(ulong guildId)
        => scopes.GetOrAdd(guildId, id => new Lazy<ScopeIndex>(() => new ScopeIndex(FolderOf(id), storeId))).Value;

    private bool HasFolder(ulong guildId) => scopes.ContainsKey(guildId) || System.IO.Directory.Exists(FolderOf(guildId));

    private string FolderOf(ulong guildId)
        => System.IO.Path.Combine(root, guildId == 0 ? "global" : string.Create(CultureInfo.InvariantCulture, $"guild-{guildId}"));

    private void Commit(ScopeIndex scope, long changeId)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        scope.Commit(changeId);
        metrics.Refreshed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Live passages over the scopes this process has open (a gauge reads it at each scrape).</summary>
    private long CountPassages()
    {
        long total = 0;
        foreach (var scope in scopes.Values.Where(s => s.IsValueCreated))
        {
            using var lease = scope.Value.Acquire();
            total += lease?.Searcher.IndexReader.NumDocs ?? 0;
        }

        return total;
    }

    private sealed class Update(LuceneSearchIndex index, ScopeIndex scope) : IIndexUpdate
    {
        private bool committed;

        public void RemoveSource(string source) => scope.RemoveSource(source);

        public void Add(IEnumerable<IndexedPassage> passages) => scope.Add(passages);

        public void Prepare(long changeId) => scope.PrepareCommit(changeId);

        public void Commit(long changeId)
        {
            index.Commit(scope, changeId);
            committed = true;
        }

        public void Dispose()
        {
            if (!committed)
            {
                scope.Rollback();
            }
        }
    }
}
