using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>What moderators read about their server's sources: lists, one source, a search by title, the audit log, quotas.</summary>
public interface IServerSourceStore
{
    /// <summary>A page of the server's own sources by title, and how many it has.</summary>
    Page<SourceSummary> List(ulong guildId, int skip, int take);

    /// <summary>A source of the server or, when it has none of that id, of the bundled corpus; null when neither has it.</summary>
    SourceDetails? Details(ulong guildId, string slug);

    /// <summary>The server's sources whose title or slug contains <paramref name="text"/> (ignoring case), by title.</summary>
    IReadOnlyList<SourceSummary> Find(ulong guildId, string text, int limit);

    /// <summary>The server's last audit entries, newest first.</summary>
    IReadOnlyList<AuditEntry> History(ulong guildId, int limit);

    /// <summary>What the server's sources hold, and how many it added since <paramref name="uploadsSince"/>, in one snapshot.</summary>
    QuotaCounts Usage(ulong guildId, DateTimeOffset uploadsSince);
}
