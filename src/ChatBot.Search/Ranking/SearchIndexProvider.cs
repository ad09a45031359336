using System.Diagnostics;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Hands out the <see cref="SearchIndex"/> of the corpus generation currently committed. When another
/// connection (an index update, an upload, another process) commits a new generation, one question loads the
/// new index; questions arriving meanwhile keep using the previous one rather than wait for it.
/// </summary>
public sealed partial class SearchIndexProvider(ILogger<SearchIndexProvider> logger)
{
    private readonly Lock reloading = new();
    private volatile SearchIndex? current;

    public SearchIndex Get(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var generation = PassageStore.ReadGeneration(connection);
        var index = current;
        if (index is not null && index.Generation == generation)
        {
            return index;
        }

        // Only the first thread to notice a new generation loads it; others answer from what is there.
        if (!reloading.TryEnter())
        {
            if (index is not null)
            {
                return index;
            }

            reloading.Enter();
        }

        try
        {
            index = current;
            if (index is not null && index.Generation == generation)
            {
                return index;
            }

            var stopwatch = Stopwatch.StartNew();
            using (var transaction = connection.BeginTransaction(deferred: true))
            {
                // Read the generation and the passages in one snapshot so they agree.
                generation = PassageStore.ReadGeneration(connection);
                index = SearchIndex.Load(connection, generation, cancellationToken);
                transaction.Commit();
            }

            current = index;
            IndexLoaded(logger, index.DocumentCount, index.VocabularySize, generation, stopwatch.ElapsedMilliseconds);
            return index;
        }
        finally
        {
            reloading.Exit();
        }
    }

    [LoggerMessage(3001, LogLevel.Debug, "Loaded the ranking index: {Passages} passages, {Terms} terms, generation {Generation}, in {ElapsedMs} ms")]
    private static partial void IndexLoaded(ILogger logger, int passages, int terms, long generation, long elapsedMs);
}
