namespace ChatBot.Core;

/// <summary>
/// What moderators do with their server's corpus: add a source from a file, remove one, list, show, find by
/// title and read the audit log. A server only ever sees and changes its own sources; the bundled corpus is
/// read-only from here.
/// </summary>
public interface ICorpusCurator
{
    ValueTask<UploadOutcome> AddSourceAsync(SourceUpload upload, CancellationToken cancellationToken);

    /// <summary>Removes a source of the server; null when the server has no source with that id.</summary>
    ValueTask<SourceSummary?> RemoveSourceAsync(ulong guildId, string sourceId, Actor actor, CancellationToken cancellationToken);

    ValueTask<Page<SourceSummary>> ListSourcesAsync(ulong guildId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>A source of the server, or a bundled one; null when there is none with that id.</summary>
    ValueTask<SourceDetails?> GetSourceAsync(ulong guildId, string sourceId, CancellationToken cancellationToken);

    /// <summary>The server's sources whose title or id contains <paramref name="text"/>, for autocomplete.</summary>
    ValueTask<IReadOnlyList<SourceSummary>> FindSourcesAsync(ulong guildId, string text, int limit, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<AuditEntry>> HistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken);

    /// <summary>What the server's sources take of its quotas.</summary>
    ValueTask<QuotaUsage> UsageAsync(ulong guildId, CancellationToken cancellationToken);
}
