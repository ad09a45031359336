namespace ChatBot.Search.Indexing;

/// <summary>
/// Rows a service holds in memory and writes to the store behind its callers (the ask log does, in blocks).
/// <see cref="CorpusSyncService"/> flushes every one when the bot stops, before it writes the WAL back into the
/// database file, so a feature above this layer hands its rows over without this layer knowing the feature.
/// </summary>
public interface IPendingWrites
{
    /// <summary>Writes what is held to the store; returns once it is there.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
