using System.Collections.Concurrent;
using System.Diagnostics;
using ChatBot.Search.Index;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using ChatBot.Search.Web;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Brings the bundled corpus in line with a folder of source files: unchanged files (same content hash) are
/// skipped, changed ones replace their passages, removed ones are deleted, and a file that cannot be read is
/// reported by name while every other file is indexed (an earlier good version of it stays). The store commits
/// all of it in one transaction, then the search index commits the same change; readers see the old corpus or
/// the new one, never half of it, and a crash between the two commits is repaired by <see cref="SearchIndexSync"/>.
/// A <c>.url</c> file names a web page: a new or changed one is fetched before the transaction starts (its page is
/// kept fresh afterwards by the refresh schedule, <see cref="Community.WebSourceCurator"/>).
/// </summary>
public sealed partial class CorpusIndexer(
    ICorpusStore store, ISearchIndex index, SearchIndexSync sync, IndexWriteGate gate, ILogger<CorpusIndexer> logger,
    IWebPageFetcher? fetcher = null, TimeProvider? time = null)
{
    private static readonly string[] Extensions = [".md", ".markdown", ".txt", ".html", ".htm", ".pdf", UrlFile.Extension];

    public IndexReport SyncFolder(string sourcesPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcesPath);
        var stopwatch = Stopwatch.StartNew();
        if (!Directory.Exists(sourcesPath))
        {
            throw new StoreException($"the sources folder {sourcesPath} does not exist");
        }

        var files = Directory.EnumerateFiles(sourcesPath, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(sourcesPath, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        var problems = new ConcurrentBag<string>();
        var seenSlugs = new Dictionary<string, string>(StringComparer.Ordinal);
        var work = new List<(string RelativePath, string Slug)>();
        foreach (var relative in files)
        {
            var slug = SourceReader.SlugFor(Path.GetFileName(relative));
            if (seenSlugs.TryGetValue(slug, out var other))
            {
                problems.Add($"{relative}: skipped, it has the same id \"{slug}\" as {other}; rename one of them");
                continue;
            }

            seenSlugs[slug] = relative;
            work.Add((relative, slug));
        }

        var pages = FetchWebSources(sourcesPath, work, problems, cancellationToken);
        int added = 0, updated = 0, unchanged = 0, removedCount = 0, passagesWritten = 0;
        using (gate.Enter(cancellationToken))
        {
            var indexUsable = sync.CatchUpLocked(cancellationToken);
            // One writer at a time (across processes too), so what is read here stays true until the commit. Readers
            // keep answering from the last committed corpus meanwhile (the store's last commit, and the index's).
            using var transaction = store.BeginWrite();
            var existing = transaction.Hashes(0);

            // A file that fails to read or parse keeps its earlier version: its slug is still wanted.
            var wanted = work.Select(w => w.Slug).ToHashSet(StringComparer.Ordinal);
            var removed = existing.Keys.Where(s => !wanted.Contains(s)).Order(StringComparer.Ordinal).ToList();
            removedCount = removed.Count;

            // Opened at the first change: a sync that changes nothing leaves the search index's writer alone.
            var update = indexUsable ? new Lazy<IIndexUpdate>(() => index.BeginUpdate(0), LazyThreadSafetyMode.ExecutionAndPublication) : null;
            try
            {
                foreach (var slug in removed)
                {
                    transaction.Delete(0, slug);
                    update?.Value.RemoveSource(slug);
                }

                (added, updated, unchanged, passagesWritten) = Write(sourcesPath, work, existing, pages, transaction, update, problems, cancellationToken);
                if (added + updated + removed.Count > 0)
                {
                    Commit(transaction, update?.Value);
                }
            }
            finally
            {
                if (update is { IsValueCreated: true })
                {
                    update.Value.Dispose();
                }
            }
        }

        foreach (var problem in problems.Order(StringComparer.Ordinal))
        {
            SourceProblem(logger, problem);
        }

        var (sourceCount, passageCount) = store.Count(0);
        var report = new IndexReport(
            added, updated, unchanged, removedCount, passagesWritten, sourceCount, passageCount,
            stopwatch.Elapsed, [.. problems.Order(StringComparer.Ordinal)]);
        IndexUpdated(logger, added, updated, unchanged, removedCount, passagesWritten, (long)stopwatch.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>
    /// Catches the search index up with the store, then syncs <paramref name="sourcesPath"/> when it exists; when
    /// it does not, the store must already hold a corpus. Returns the report, or null when there was no folder.
    /// </summary>
    /// <exception cref="StoreException">Neither the folder nor an indexed corpus exists.</exception>
    public IndexReport? EnsureIndexed(string sourcesPath, CancellationToken cancellationToken)
    {
        if (Directory.Exists(sourcesPath))
        {
            return SyncFolder(sourcesPath, cancellationToken);
        }

        sync.CatchUp(cancellationToken);
        if (store.Count(0).Sources == 0)
        {
            throw new StoreException($"the sources folder {sourcesPath} does not exist and the index {store.Name} holds no sources");
        }

        return null;
    }

    /// <summary>
    /// Catches the search index up with the store without writing the folder to it (another process does that:
    /// <c>index</c>, or the bot with <c>Index:SyncOnStart</c>); the store must already hold a corpus.
    /// </summary>
    /// <exception cref="StoreException">The store holds no bundled sources.</exception>
    public void FollowStore(CancellationToken cancellationToken)
    {
        sync.CatchUp(cancellationToken);
        if (store.Count(0).Sources == 0)
        {
            throw new StoreException($"the {(store.Provider == StoreProvider.Sqlite ? "index " : "")}{store.Name} holds no sources yet: run index first");
        }
    }

    /// <summary>
    /// A read source as the store keeps it, with row ids reserved from <paramref name="writer"/>, and its passages
    /// as the search index takes them: each passage analyzed once, for the index and for its stored offsets.
    /// </summary>
    public static PreparedSource Prepare(SourceDocument document, string origin, string contentHash, ICorpusTransaction writer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(writer);
        var first = writer.ReservePassageIds(document.Passages.Count);
        var records = new List<PassageRecord>(document.Passages.Count);
        var indexed = new List<IndexedPassage>(document.Passages.Count);
        for (var i = 0; i < document.Passages.Count; i++)
        {
            var passage = document.Passages[i];
            var tokens = TextAnalysis.Analyze(passage.Text);
            records.Add(new PassageRecord(first + i, passage.Ordinal, passage.Locator, passage.Text, TokenOffsets.Encode(tokens), passage.Page));
            indexed.Add(new IndexedPassage(first + i, document.Slug, passage.Text, tokens));
        }

        var meta = document.Metadata;
        return new PreparedSource(
            new SourceRecord(document.Slug, origin, meta.Title, meta.Author, meta.Url, meta.Published, meta.License, contentHash, records,
                meta.Kind is { } kind ? Core.SourceKinds.Name(kind) : null), indexed);
    }

    /// <summary>
    /// Commits the store's transaction, then the search index's update. The search index flushes and syncs its
    /// segments on the other core while the store commits (and checkpoints): both are long at a million passages;
    /// the index's commit is shown only after the store's.
    /// </summary>
    private static void Commit(ICorpusTransaction transaction, IIndexUpdate? update)
    {
        var changeId = transaction.LastChangeId;
        var prepared = update is null ? null : Task.Run(() => update.Prepare(changeId), CancellationToken.None);
        try
        {
            transaction.Commit();
        }
        catch when (prepared is not null)
        {
            // Not dropped (disposed, rolled back) while it is still being written; the store's error is the one told.
            Task.WhenAny(prepared).GetAwaiter().GetResult();
            throw;
        }

        prepared?.GetAwaiter().GetResult();
        KillPoints.Reach(KillPoints.IndexStoreCommitted);
        update?.Commit(changeId);
        KillPoints.Reach(KillPoints.IndexCommitted);
    }

    /// <summary>
    /// Reads, fingerprints, parses, analyzes and indexes the files on every core, one file at a time per thread
    /// (never the whole folder in memory), each thread writing to the store the source it has ready, one at a time.
    /// A file whose content hash the store already has is only counted.
    /// </summary>
    private static (int Added, int Updated, int Unchanged, int Passages) Write(
        string sourcesPath, List<(string RelativePath, string Slug)> work, IReadOnlyDictionary<string, StoredSourceHash> existing,
        Dictionary<string, FetchedPage> pages, ICorpusTransaction writer, Lazy<IIndexUpdate>? update, ConcurrentBag<string> problems,
        CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, unchanged = 0, passages = 0;
        var writing = new Lock();
        Parallel.ForEach(
            work,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            item =>
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(Path.Combine(sourcesPath, item.RelativePath));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{item.RelativePath}: cannot be read: {e.Message}");
                    return;
                }

                try
                {
                    var hash = SourceFingerprint.Of(bytes);
                    var replaces = existing.TryGetValue(item.Slug, out var stored);
                    if (replaces && stored!.ContentHash == hash)
                    {
                        Interlocked.Increment(ref unchanged);
                        return;
                    }

                    WebSourceState? web = null;
                    SourceDocument document;
                    if (IsUrlFile(item.RelativePath))
                    {
                        if (!pages.TryGetValue(item.RelativePath, out var page) || page.Hash != hash)
                        {
                            // Fetch problems were reported already; a file changed since its fetch waits for the next run.
                            return;
                        }

                        (document, web) = (page.Document, page.Web);
                    }
                    else
                    {
                        document = SourceReader.Read(Path.GetFileName(item.RelativePath), bytes) with { Slug = item.Slug };
                    }

                    var prepared = Prepare(document, item.RelativePath, hash, writer);
                    var record = prepared.Record with { Web = web };
                    if (replaces)
                    {
                        update?.Value.RemoveSource(item.Slug);
                    }

                    update?.Value.Add(prepared.Indexed);

                    // The store's transaction takes one source at a time, from whichever thread has it ready: a
                    // thread of its own waiting on a queue spent a core's worth of spinning for nothing.
                    lock (writing)
                    {
                        if (replaces)
                        {
                            writer.Delete(0, record.Slug);
                            updated++;
                        }
                        else
                        {
                            added++;
                        }

                        writer.Insert(record, guildId: 0);
                        passages += record.Passages.Count;
                        KillPoints.Reach(KillPoints.IndexSourceWritten);
                    }
                }
                catch (SourceFormatException e)
                {
                    problems.Add($"{item.RelativePath}: {e.Message}");
                }
            });

        return (added, updated, unchanged, passages);
    }

    /// <summary>
    /// Fetches and reads the pages of the new and changed <c>.url</c> files, before the write transaction (a slow
    /// server must not hold the store's write lock), by their relative paths. A page that cannot be fetched or read
    /// is a problem like an unreadable file, and the earlier version of the source stays.
    /// </summary>
    private Dictionary<string, FetchedPage> FetchWebSources(
        string sourcesPath, List<(string RelativePath, string Slug)> work, ConcurrentBag<string> problems, CancellationToken cancellationToken)
    {
        var pages = new Dictionary<string, FetchedPage>(StringComparer.Ordinal);
        var urlFiles = work.Where(w => IsUrlFile(w.RelativePath)).ToList();
        if (urlFiles.Count == 0)
        {
            return pages;
        }

        // Which pages need fetching (their .url file changed); read in a short transaction that writes nothing, so the
        // slow fetches run outside the write lock.
        IReadOnlyDictionary<string, StoredSourceHash> existing;
        using (var transaction = store.BeginWrite())
        {
            existing = transaction.Hashes(0);
        }

        foreach (var (relative, slug) in urlFiles)
        {
            try
            {
                var bytes = File.ReadAllBytes(Path.Combine(sourcesPath, relative));
                var hash = SourceFingerprint.Of(bytes);
                if (existing.TryGetValue(slug, out var stored) && stored.ContentHash == hash)
                {
                    continue;
                }

                if (fetcher is null)
                {
                    problems.Add($"{relative}: web sources are not fetched here");
                    continue;
                }

                var (url, fields) = UrlFile.Parse(bytes);
                var outcome = fetcher.FetchAsync(url, null, cancellationToken).GetAwaiter().GetResult();
                if (outcome is not FetchOutcome.Fetched page)
                {
                    problems.Add($"{relative}: {(outcome is FetchOutcome.Failed failed ? failed.Reason : $"{url.Host} has no page at that address")}");
                    continue;
                }

                var document = WebDocument.Read(url, page, fields.GetValueOrDefault("title"), fields.GetValueOrDefault("author"), slug);
                document = document with
                {
                    Metadata = document.Metadata with
                    {
                        Published = TextHygiene.ForMetadata(fields.GetValueOrDefault("published")) ?? document.Metadata.Published,
                        License = TextHygiene.ForMetadata(fields.GetValueOrDefault("license")) ?? document.Metadata.License,
                        Kind = Core.SourceKinds.TryParse(fields.GetValueOrDefault("kind"), out var kind) ? kind : document.Metadata.Kind,
                    },
                };
                pages[relative] = new FetchedPage(hash, document, WebDocument.State(url, page, (time ?? TimeProvider.System).GetUtcNow()));
            }
            catch (SourceFormatException e)
            {
                problems.Add($"{relative}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{relative}: cannot be read: {e.Message}");
            }
        }

        return pages;
    }

    private static bool IsUrlFile(string path) => path.EndsWith(UrlFile.Extension, StringComparison.OrdinalIgnoreCase);

    private sealed record FetchedPage(string Hash, SourceDocument Document, WebSourceState Web);

    /// <summary>A source ready for the store and for the search index.</summary>
    public sealed record PreparedSource(SourceRecord Record, IReadOnlyList<IndexedPassage> Indexed);

    [LoggerMessage(2001, LogLevel.Warning, "Source problem: {Problem}")]
    private static partial void SourceProblem(ILogger logger, string problem);

    [LoggerMessage(2002, LogLevel.Information, "Index updated: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Passages} passages written in {ElapsedMs} ms")]
    private static partial void IndexUpdated(ILogger logger, int added, int updated, int unchanged, int removed, int passages, long elapsedMs);
}
