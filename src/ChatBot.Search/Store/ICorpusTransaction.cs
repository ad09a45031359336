using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>How much of its quotas a server's sources take: what the store counts, not the limits.</summary>
public sealed record QuotaCounts(int Sources, int Passages, long TextBytes, int UploadsSince);

/// <summary>
/// The corpus's one write transaction: reads that must stay true until the commit (hashes, quotas, taken ids),
/// sources written and deleted with the change log rows the search index follows, and audit entries, all
/// committed together or not at all.
/// </summary>
public interface ICorpusTransaction : IDisposable
{
    /// <summary>The sources of a scope (0: the bundled corpus) by slug, with their content hashes.</summary>
    IReadOnlyDictionary<string, StoredSourceHash> Hashes(ulong guildId);

    /// <summary>A source of the scope itself (not the bundled corpus), or null.</summary>
    SourceSummary? FindSource(ulong guildId, string slug);

    /// <summary>Whether the bundled corpus has a source with this slug.</summary>
    bool IsBundledSlug(string slug);

    /// <summary>What a server's sources hold, and how many it added since <paramref name="uploadsSince"/>.</summary>
    QuotaCounts Usage(ulong guildId, DateTimeOffset uploadsSince);

    /// <summary>Reserves <paramref name="count"/> passage row ids that were never handed out before; returns the first. Thread-safe.</summary>
    long ReservePassageIds(int count);

    /// <summary>Inserts a source of <paramref name="guildId"/> (0: the bundled corpus) and its passages, and logs the change.</summary>
    void Insert(SourceRecord source, ulong guildId, DateTimeOffset? indexedAt = null);

    /// <summary>Deletes a source of <paramref name="guildId"/> with its passages, and logs the change.</summary>
    void Delete(ulong guildId, string slug);

    /// <summary>Adds a line to a server's audit log.</summary>
    void Audit(ulong guildId, AuditEntry entry);

    /// <summary>The id of the last change this transaction logged; 0 when it logged none.</summary>
    long LastChangeId { get; }

    void Commit();
}
