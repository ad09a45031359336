using System.Diagnostics;
using ChatBot.Search.Index;
using ChatBot.Search.Store;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Keeps the search index derived from the store: a scope whose index is missing, unreadable or of another store
/// is rebuilt from the store (with a progress line), and one that is behind the change log (a crash between the
/// two commits, a change made by another process) applies the sources changed since, so deleting the index
/// folder never loses anything.
/// </summary>
public sealed partial class SearchIndexSync(ISearchIndex index, ICorpusStore store, IndexWriteGate gate, ILogger<SearchIndexSync> logger)
{
    /// <summary>Brings every scope's index up to date with the store. Returns false when another process holds the index.</summary>
    public bool CatchUp(CancellationToken cancellationToken)
    {
        using (gate.Enter(cancellationToken))
        {
            return CatchUpLocked(cancellationToken);
        }
    }

    /// <summary>
    /// As <see cref="CatchUp"/>, for a caller that already holds the write gate; with <paramref name="onlyGuild"/>,
    /// for that one scope.
    /// </summary>
    public bool CatchUpLocked(CancellationToken cancellationToken, ulong? onlyGuild = null)
    {
        var last = new Dictionary<ulong, long>(store.Changes.LastChanges());
        last.TryAdd(0, 0);
        foreach (var (guildId, lastChange) in last.Where(p => onlyGuild is null || p.Key == onlyGuild).OrderBy(p => p.Key))
        {
            try
            {
                var applied = index.AppliedChange(guildId);
                if (applied == lastChange)
                {
                    continue;
                }

                if (applied is null || applied > lastChange)
                {
                    Rebuild(guildId, cancellationToken);
                }
                else
                {
                    Apply(guildId, applied.Value, cancellationToken);
                }
            }
            catch (SearchIndexException e)
            {
                IndexUnavailable(logger, e.Message);
                return false;
            }
        }

        return true;
    }

    private void Rebuild(ulong guildId, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var (_, passages) = store.Count(guildId);
        var scope = ScopeName(guildId);

        // A new store has nothing to rebuild: its empty index is made without a word.
        if (passages > 0)
        {
            Rebuilding(logger, scope, passages);
        }

        store.Changes.ReadScope(guildId, (rows, lastId) =>
            index.Rebuild(guildId, rows.Select(r => new IndexedPassage(r.RowId, r.Slug, r.Text, TokenOffsets.Decode(r.Text, r.Tokens))), lastId, cancellationToken));
        if (passages > 0)
        {
            Rebuilt(logger, scope, passages, stopwatch.ElapsedMilliseconds);
        }
    }

    private void Apply(ulong guildId, long applied, CancellationToken cancellationToken)
    {
        var (sources, lastId) = store.Changes.ChangedSince(guildId, applied);
        using var update = index.BeginUpdate(guildId);
        foreach (var (slug, passages) in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            update.RemoveSource(slug);
            update.Add(passages.Select(p => new IndexedPassage(p.RowId, p.Slug, p.Text, TokenOffsets.Decode(p.Text, p.Tokens))));
        }

        update.Commit(lastId);
        CaughtUp(logger, ScopeName(guildId), sources.Count, lastId);
    }

    private static string ScopeName(ulong guildId) => guildId == 0 ? "the bundled corpus" : $"server {guildId}";

    [LoggerMessage(2101, LogLevel.Information, "Rebuilding the search index of {Scope} from the store: {Passages} passages")]
    private static partial void Rebuilding(ILogger logger, string scope, int passages);

    [LoggerMessage(2102, LogLevel.Information, "Rebuilt the search index of {Scope}: {Passages} passages in {ElapsedMs} ms")]
    private static partial void Rebuilt(ILogger logger, string scope, int passages, long elapsedMs);

    [LoggerMessage(2103, LogLevel.Information, "Search index of {Scope} caught up with the store: {Sources} sources changed, up to change {ChangeId}")]
    private static partial void CaughtUp(ILogger logger, string scope, int sources, long changeId);

    [LoggerMessage(2104, LogLevel.Warning, "The search index cannot be brought up to date now: {Reason}; it catches up from the store later")]
    private static partial void IndexUnavailable(ILogger logger, string reason);
}
