using ChatBot.Search.Community;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Brings the index up to date with the bundled sources when the bot starts, before anything answers, and
/// stores the ask log's last rows and writes the WAL back into the database file when it stops: registered before the bot, it stops after it, once
/// the last answer is out. A missing sources folder is fine when the index already has a corpus (a deployment
/// may ship only the database).
/// </summary>
public sealed partial class CorpusSyncService(
    CorpusIndexer indexer, PassageStore store, AskJournal journal, IOptions<IndexOptions> options, ILogger<CorpusSyncService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        indexer.EnsureIndexed(options.Value.SourcesPath, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The ask log's last rows go into the database before the WAL is written back into it.
        await journal.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            store.Checkpoint();
        }
        catch (SqliteException e)
        {
            // The WAL stays and is applied on the next open: nothing is lost, so stopping goes on.
            CheckpointFailed(logger, store.DatabasePath, e.Message);
        }
    }

    [LoggerMessage(2003, LogLevel.Warning, "Could not write the WAL back into {Path} at shutdown: {Reason}")]
    private static partial void CheckpointFailed(ILogger logger, string path, string reason);
}
