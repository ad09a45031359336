using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core;

/// <summary>Who did something: a Discord user id and the name shown in the audit log.</summary>
public sealed record Actor(ulong Id, string Name);

/// <summary>A document a moderator uploads as a source of their server (its name, its bytes), with what the form said about it.</summary>
public sealed record SourceUpload(ulong GuildId, string Name, byte[] Content, Actor Actor, string? Title = null, string? Author = null, string? Url = null)
{
    /// <summary>What kind of source it is, over what the file says.</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>When it was published (a year or a date), over what the file says.</summary>
    public string? Published { get; init; }
}

/// <summary>What became of an upload: added, or refused with one line saying why (nothing stored).</summary>
public abstract record UploadOutcome
{
    private UploadOutcome()
    {
    }

    public sealed record Added(SourceSummary Source) : UploadOutcome;

    public sealed record Refused(string Reason) : UploadOutcome;
}

/// <summary>A source as <c>/source show</c> presents it; <paramref name="Web"/> for one read from a web address.</summary>
public sealed record SourceDetails(
    SourceSummary Summary, string Origin, string? Published, string? License, string? FirstPassage, SourceKind? Kind = null, WebSourceStatus? Web = null);

/// <summary>Where a web source is fetched from, when it was last checked, and since when it has been gone (null: it is there).</summary>
public sealed record WebSourceStatus(string FetchUrl, DateTimeOffset CheckedAt, DateTimeOffset? GoneSince);

/// <summary>A web page (or PDF) a moderator adds by its address, with what the form said about it.</summary>
public sealed record UrlSourceRequest(ulong GuildId, string Url, Actor Actor, string? Title = null, string? Author = null)
{
    /// <summary>What kind of source it is (the page cannot say).</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>When it was published (a year or a date), over what the page says.</summary>
    public string? Published { get; init; }
}

/// <summary>What became of a refresh of a web source.</summary>
public abstract record RefreshOutcome
{
    private RefreshOutcome()
    {
    }

    /// <summary>The page changed; its new text replaced the old in one transaction, with an audit entry.</summary>
    public sealed record Updated(SourceSummary Source) : RefreshOutcome;

    /// <summary>The page is as it was (a 304, or the same bytes).</summary>
    public sealed record Unchanged(SourceSummary Source) : RefreshOutcome;

    /// <summary>The page is gone (404 or 410); its last text stays, flagged.</summary>
    public sealed record Gone(SourceSummary Source, int Status) : RefreshOutcome;

    /// <summary>The page could not be fetched or read; its last text stays. One line why.</summary>
    public sealed record Failed(string Reason) : RefreshOutcome;

    /// <summary>The server has no source with that id that comes from a web address.</summary>
    public sealed record NotFound : RefreshOutcome;
}

/// <summary>Sources read from web addresses: adding one by its address, and fetching one again now.</summary>
public interface IWebSourceCurator
{
    ValueTask<UploadOutcome> AddUrlSourceAsync(UrlSourceRequest request, CancellationToken cancellationToken);

    ValueTask<RefreshOutcome> RefreshSourceAsync(ulong guildId, string sourceId, Actor actor, CancellationToken cancellationToken);
}

/// <summary>One line of a server's audit log: who added or removed which source, when.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Action, string SourceId, string Title, Actor Actor, int PassageCount);

/// <summary>What a server's sources take of its quotas, and the quotas.</summary>
public sealed record QuotaUsage(int Sources, int MaxSources, int Passages, int MaxPassages, long TextBytes, long MaxTextBytes, int UploadsLastHour, int MaxUploadsPerHour);

/// <summary>One page of a list and how many items there are in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip);

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

/// <summary>How a question reached the bot.</summary>
public enum AskChannel
{
    Command,
    Mention,
    DirectMessage,
}

/// <summary>One question as the ask log keeps it. The user id is only stored when a setting allows it.</summary>
public sealed record AskRecord(ulong? GuildId, AskChannel Channel, string Question, bool Confident, string? TopSourceId, double ElapsedMs, ulong? UserId);

public enum FeedbackKind
{
    Helpful,
    NotHelpful,
    BadQuote,
}

/// <summary>A question the corpus did not answer confidently, how often it was asked and when last.</summary>
public sealed record GapEntry(string Question, int Count, DateTimeOffset LastAsked);

/// <summary>What <c>/gaps</c> shows a server's moderators for a period.</summary>
public sealed record GapReport(
    TimeSpan Window,
    int Asked,
    int NotAnswered,
    IReadOnlyList<GapEntry> Questions,
    int Helpful,
    int NotHelpful,
    int BadQuotes);

/// <summary>The ask log, the feedback on answers, and the gaps they show.</summary>
public interface IAskJournal
{
    /// <summary>Logs a question and its outcome; returns its id, which feedback refers to.</summary>
    ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken);

    /// <summary>
    /// Stores feedback on an answer given in <paramref name="guildId"/> (null: a DM); false when that place has no
    /// ask with that id (a garbled button, or one copied from another server).
    /// </summary>
    ValueTask<bool> RecordFeedbackAsync(long askId, ulong? guildId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken);

    ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken);
}

/// <summary>Settings of the community features (section "Community").</summary>
public sealed class CommunityOptions
{
    public const string Section = "Community";

    /// <summary>The largest source file a moderator may upload, in bytes.</summary>
    [Range(1024, 25 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The largest PDF a moderator may upload, or a web source may be, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxPdfBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long downloading an upload from Discord may take.</summary>
    [Range(1, 300)]
    public int DownloadTimeoutSeconds { get; set; } = 20;

    /// <summary>Questions one member may ask per minute, with /ask or by mentioning the bot.</summary>
    [Range(1, 1000)]
    public int AskLimitPerMinute { get; set; } = 5;

    /// <summary>The most sources one server may add (the bundled corpus does not count).</summary>
    [Range(1, 100_000)]
    public int MaxSourcesPerServer { get; set; } = 200;

    /// <summary>The most passages one server's sources may hold together.</summary>
    [Range(1, 10_000_000)]
    public int MaxPassagesPerServer { get; set; } = 50_000;

    /// <summary>The most text, in bytes, one server's sources may hold together.</summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    public long MaxBytesPerServer { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most sources one server may add in an hour.</summary>
    [Range(1, 10_000)]
    public int MaxUploadsPerHour { get; set; } = 20;

    /// <summary>Whether the ask log keeps who asked. Off by default: the log is for finding gaps, not people.</summary>
    public bool LogUserIds { get; set; }
}
