using System.Data.Common;
using ChatBot.Search.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Brings the index up to date when the bot starts, before anything answers: with <c>Index:SyncOnStart</c> (the
/// default with SQLite) it writes the bundled folder to the store first; without it (the default with PostgreSQL,
/// where <c>index</c> is the folder's one writer) it only catches up with the store. When the bot stops it stores
/// what is held for the store (<see cref="IPendingWrites"/>: the ask log's last rows) and writes the WAL back into the database file: registered before the bot, it stops after
/// it, once the last answer is out. A missing sources folder is fine when the store already has a corpus (a
/// deployment may ship only the database).
/// </summary>
public sealed partial class CorpusSyncService(
    CorpusIndexer indexer, SearchIndexSync sync, ICorpusStore store, IEnumerable<IPendingWrites> pending, IOptions<IndexOptions> options,
    ILogger<CorpusSyncService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SyncsOnStart(store.Provider))
        {
            indexer.EnsureIndexed(options.Value.SourcesPath, cancellationToken);
        }
        else
        {
            sync.CatchUp(cancellationToken);
            if (store.Count(0).Sources == 0)
            {
                // Not fatal: replicas may start before index has run; they follow the store and answer once it has.
                NoCorpusYet(logger, store.Name);
            }
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The ask log's last rows go into the database before the WAL is written back into it.
        foreach (var writes in pending)
        {
            await writes.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            store.Checkpoint();
        }
        catch (DbException e)
        {
            // The WAL stays and is applied on the next open: nothing is lost, so stopping goes on.
            CheckpointFailed(logger, store.Name, e.Message);
        }
    }

    [LoggerMessage(2003, LogLevel.Warning, "Could not write the WAL back into {Path} at shutdown: {Reason}")]
    private static partial void CheckpointFailed(ILogger logger, string path, string reason);

    [LoggerMessage(2004, LogLevel.Warning, "The {Store} holds no bundled sources yet; answers come once index has written them")]
    private static partial void NoCorpusYet(ILogger logger, string store);
}
