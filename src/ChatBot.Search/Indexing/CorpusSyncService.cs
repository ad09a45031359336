using ChatBot.Search.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Brings the index up to date with the bundled sources when the bot starts, before anything answers. A
/// missing sources folder is fine when the index already has a corpus (a deployment may ship only the database).
/// </summary>
public sealed class CorpusSyncService(CorpusIndexer indexer, IOptions<IndexOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        indexer.EnsureIndexed(options.Value.SourcesPath, cancellationToken);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
