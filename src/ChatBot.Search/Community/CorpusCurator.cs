using System.Globalization;
using ChatBot.Core;
using ChatBot.Search.Dates;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Community;

/// <summary>
/// A server's corpus as its moderators change it. An upload is checked (type, size, content) and indexed in one
/// store transaction with its audit entry, so it is all there or not at all, and then committed to the server's
/// search index, where the next question finds it; answers keep coming from the committed corpus meanwhile. A server's source ids never collide with the bundled corpus's, and a server can only
/// touch its own sources.
/// </summary>
public sealed partial class CorpusCurator(
    ICorpusStore store, ISearchIndex index, SearchIndexSync sync, IndexWriteGate gate, IOptions<CommunityOptions> options, TimeProvider time,
    ILogger<CorpusCurator> logger)
    : ICorpusCurator
{
    public static readonly IReadOnlyList<string> Extensions = [".md", ".markdown", ".txt", ".html", ".htm", ".pdf"];

    public ValueTask<UploadOutcome> AddSourceAsync(SourceUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.GuildId == 0)
        {
            throw new ArgumentException("A server's source needs the server's id.", nameof(upload));
        }

        return Check(upload) is { } problem ? ValueTask.FromResult<UploadOutcome>(new UploadOutcome.Refused(problem)) : AddAsync(upload, cancellationToken);
    }

    public async ValueTask<SourceSummary?> RemoveSourceAsync(ulong guildId, string sourceId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(actor);
        if (guildId == 0)
        {
            return null; // the bundled corpus is not changed from Discord
        }

        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var indexUsable = sync.CatchUpLocked(cancellationToken, guildId);
            SourceSummary summary;
            long changeId;
            using (var transaction = store.BeginWrite())
            {
                var source = transaction.FindSource(guildId, sourceId);
                if (source is null)
                {
                    return null;
                }

                transaction.Delete(guildId, sourceId);
                changeId = transaction.LastChangeId;
                summary = source;
                Audit(transaction, guildId, "removed", summary, actor);
                transaction.Commit();
            }

            if (indexUsable)
            {
                using var update = index.BeginUpdate(guildId);
                update.RemoveSource(sourceId);
                update.Commit(changeId);
            }

            SourceRemoved(logger, summary.SourceId, guildId, summary.PassageCount);
            return summary;
        }
    }

    public ValueTask<Page<SourceSummary>> ListSourcesAsync(ulong guildId, int skip, int take, CancellationToken cancellationToken)
        => ValueTask.FromResult(store.ServerSources.List(guildId, Math.Max(0, skip), Math.Clamp(take, 1, 100)));

    public ValueTask<SourceDetails?> GetSourceAsync(ulong guildId, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        var details = store.ServerSources.Details(guildId, sourceId);
        if (details is not null && store.WebSources.Find(details.Summary.GuildId ?? 0, details.Summary.SourceId)?.State is { } web)
        {
            details = details with
            {
                Web = new WebSourceStatus(
                    web.FetchUrl, DateTimeOffset.Parse(web.CheckedAt, CultureInfo.InvariantCulture),
                    web.GoneSince is null ? null : DateTimeOffset.Parse(web.GoneSince, CultureInfo.InvariantCulture)),
            };
        }

        return ValueTask.FromResult(details);
    }

    public ValueTask<IReadOnlyList<SourceSummary>> FindSourcesAsync(ulong guildId, string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ValueTask.FromResult(store.ServerSources.Find(guildId, text, Math.Clamp(limit, 1, 100)));
    }

    public ValueTask<IReadOnlyList<AuditEntry>> HistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken)
        => ValueTask.FromResult(store.ServerSources.History(guildId, Math.Clamp(limit, 1, 100)));

    public ValueTask<QuotaUsage> UsageAsync(ulong guildId, CancellationToken cancellationToken)
        => ValueTask.FromResult(WithLimits(store.ServerSources.Usage(guildId, UploadWindowStart())));

    /// <summary>Which quota an upload of <paramref name="document"/> would pass, said so a moderator knows how to make room.</summary>
    internal static string? QuotaProblem(QuotaUsage usage, SourceDocument document)
    {
        var bytes = document.Passages.Sum(p => (long)System.Text.Encoding.UTF8.GetByteCount(p.Text));
        if (usage.UploadsLastHour >= usage.MaxUploadsPerHour)
        {
            return $"this server has added {usage.UploadsLastHour} sources in the last hour, the most allowed; try again later";
        }

        if (usage.Sources + 1 > usage.MaxSources)
        {
            return $"this server has {usage.Sources} sources, the most it may have; remove one with /source remove to make room";
        }

        if (usage.Passages + document.Passages.Count > usage.MaxPassages)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"this file has {document.Passages.Count} passages and the server's sources {usage.Passages} of the {usage.MaxPassages} allowed; remove a source with /source remove to make room");
        }

        if (usage.TextBytes + bytes > usage.MaxTextBytes)
        {
            return $"this file's text ({Size(bytes)}) would take the server's sources past {Size(usage.MaxTextBytes)} (they hold {Size(usage.TextBytes)}); remove a source with /source remove to make room";
        }

        return null;
    }

    internal QuotaUsage WithLimits(QuotaCounts counts)
    {
        var limits = options.Value;
        return new QuotaUsage(
            counts.Sources, limits.MaxSourcesPerServer, counts.Passages, limits.MaxPassagesPerServer,
            counts.TextBytes, limits.MaxBytesPerServer, counts.UploadsSince, limits.MaxUploadsPerHour);
    }

    /// <summary>Uploads count toward the hourly quota for an hour.</summary>
    internal DateTimeOffset UploadWindowStart() => time.GetUtcNow().AddHours(-1);

    /// <summary>What is wrong with an upload before it is read at all: its type by name, its size, its url.</summary>
    private string? Check(SourceUpload upload)
    {
        var extension = Path.GetExtension(upload.Name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return $"{Describe(upload.Name)} is not a source file: upload Markdown (.md), text (.txt), HTML (.html) or PDF (.pdf)";
        }

        // The type by content: a PDF starts with %PDF-, whatever its name says.
        var isPdf = PdfBlocks.LooksLikePdf(upload.Content);
        if (extension == ".pdf" && !isPdf)
        {
            return $"{Describe(upload.Name)} is not a PDF (it does not start with %PDF-)";
        }

        var limit = isPdf ? options.Value.MaxPdfBytes : options.Value.MaxUploadBytes;
        if (upload.Content.Length > limit)
        {
            return $"{Describe(upload.Name)} is {Size(upload.Content.Length)}; the limit is {Size(limit)}{(isPdf ? " for a PDF" : "")}";
        }

        if (upload.Url is { Length: > 0 } url
            && (url.Length > 512 || !Uri.TryCreate(url, UriKind.Absolute, out var link) || link.Scheme is not ("http" or "https")))
        {
            return "the url must be a web address starting with http:// or https://";
        }

        if (upload.Published is { Length: > 0 } published && PublishedDate.Normalize(published) is null)
        {
            return "published must be a year or a date, such as 1998, 1998-03-15 or March 15, 1998";
        }

        return null;
    }

    private async ValueTask<UploadOutcome> AddAsync(SourceUpload upload, CancellationToken cancellationToken)
    {
        SourceDocument document;
        try
        {
            document = SourceReader.Read(upload.Name, upload.Content, new SourceMetadata(upload.Title ?? "", upload.Author, upload.Url, upload.Published, Kind: upload.Kind));
        }
        catch (SourceFormatException e)
        {
            return new UploadOutcome.Refused($"{Describe(upload.Name)}: {e.Message}");
        }

        return await AddDocumentAsync(
            upload.GuildId, document, "upload:" + upload.Name, SourceFingerprint.Of(upload.Content), $"a file named like {Describe(upload.Name)}", upload.Actor, null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a read source as a new source of the server, with its audit entry, in one transaction, then indexes
    /// it; refused when the server has a source of that id already or a quota would be passed.
    /// </summary>
    internal async ValueTask<UploadOutcome> AddDocumentAsync(
        ulong guildId, SourceDocument document, string origin, string contentHash, string describedOrigin, Actor actor, WebSourceState? web,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var indexUsable = sync.CatchUpLocked(cancellationToken, guildId);
            SourceSummary summary;
            CorpusIndexer.PreparedSource prepared;
            long changeId;
            using (var transaction = store.BeginWrite())
            {
                var slug = document.Slug;
                if (transaction.FindSource(guildId, slug) is { } existing)
                {
                    return new UploadOutcome.Refused(
                        $"this server already has a source from {describedOrigin} (\"{existing.Title}\", id {slug}); remove it first with /source remove");
                }

                if (QuotaProblem(WithLimits(transaction.Usage(guildId, UploadWindowStart())), document) is { } quota)
                {
                    return new UploadOutcome.Refused(quota);
                }

                // Ids stay unambiguous in citations: a server's source never takes a bundled source's id.
                for (var n = 2; transaction.IsBundledSlug(slug); n++)
                {
                    slug = string.Create(CultureInfo.InvariantCulture, $"{document.Slug}-{n}");
                }

                prepared = CorpusIndexer.Prepare(document with { Slug = slug }, origin, contentHash, transaction);
                transaction.Insert(prepared.Record with { Web = web }, guildId, time.GetUtcNow());
                changeId = transaction.LastChangeId;
                summary = new SourceSummary(slug, document.Metadata.Title, document.Metadata.Author, document.Metadata.Url, document.Passages.Count, guildId, time.GetUtcNow());
                Audit(transaction, guildId, "added", summary, actor);
                KillPoints.Reach(KillPoints.UploadSourceWritten);
                transaction.Commit();
            }

            KillPoints.Reach(KillPoints.UploadStoreCommitted);
            if (indexUsable)
            {
                using var update = index.BeginUpdate(guildId);
                update.Add(prepared.Indexed);
                update.Commit(changeId);
            }

            SourceAdded(logger, summary.SourceId, guildId, summary.PassageCount);
            return new UploadOutcome.Added(summary);
        }
    }

    internal void Audit(ICorpusTransaction transaction, ulong guildId, string action, SourceSummary source, Actor actor)
        => transaction.Audit(guildId, new AuditEntry(time.GetUtcNow(), action, source.SourceId, source.Title, actor, source.PassageCount));

    private static string Describe(string name) => "\"" + (name.Length <= 60 ? name : name[..60] + "…") + "\"";

    internal static string Size(long bytes)
        => bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");

    [LoggerMessage(6001, LogLevel.Information, "Source {SourceId} added to server {GuildId}: {Passages} passages")]
    private static partial void SourceAdded(ILogger logger, string sourceId, ulong guildId, int passages);

    [LoggerMessage(6002, LogLevel.Information, "Source {SourceId} removed from server {GuildId}: {Passages} passages")]
    private static partial void SourceRemoved(ILogger logger, string sourceId, ulong guildId, int passages);
}
