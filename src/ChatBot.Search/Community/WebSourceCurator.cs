using System.Globalization;
using ChatBot.Core;
using ChatBot.Search.Dates;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using ChatBot.Search.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Community;

/// <summary>
/// Web sources: a page (HTML or PDF) added by its address, and kept fresh. A refresh asks conditionally
/// (If-None-Match, If-Modified-Since); a 304, or the same bytes, costs nothing more; a changed page replaces the
/// source's passages in one transaction with an audit entry ("updated by refresh"); a page that is gone (404, 410)
/// or cannot be fetched or read keeps its last text, and a gone one is flagged until it comes back.
/// </summary>
public sealed partial class WebSourceCurator(
    CorpusCurator curator, ICorpusStore store, ISearchIndex index, SearchIndexSync sync, IndexWriteGate gate, IWebPageFetcher fetcher,
    IOptions<SourcesOptions> sources, TimeProvider time, ILogger<WebSourceCurator> logger)
    : IWebSourceCurator
{
    public const string RefreshAction = "updated by refresh";

    /// <summary>Who the audit log names for a refresh nobody asked for.</summary>
    public static readonly Actor Schedule = new(0, "scheduled refresh");

    /// <summary>At most this many sources are refreshed in one round of the schedule.</summary>
    public const int RoundSize = 100;

    public async ValueTask<UploadOutcome> AddUrlSourceAsync(UrlSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.GuildId == 0)
        {
            throw new ArgumentException("A server's source needs the server's id.", nameof(request));
        }

        if (WebPageFetcher.CheckAddress(request.Url) is { } problem)
        {
            return new UploadOutcome.Refused(problem);
        }

        if (request.Published is { Length: > 0 } published && PublishedDate.Normalize(published) is null)
        {
            return new UploadOutcome.Refused("published must be a year or a date, such as 1998, 1998-03-15 or March 15, 1998");
        }

        var url = new Uri(request.Url.Trim());
        var outcome = await fetcher.FetchAsync(url, null, cancellationToken).ConfigureAwait(false);
        if (outcome is not FetchOutcome.Fetched page)
        {
            return new UploadOutcome.Refused(outcome switch
            {
                FetchOutcome.Gone gone => $"{url.Host} answered {gone.Status.ToString(CultureInfo.InvariantCulture)}: there is no page at that address",
                FetchOutcome.Failed failed => failed.Reason,
                _ => $"{url.Host} did not send the page",
            });
        }

        SourceDocument document;
        try
        {
            document = WebDocument.Read(url, page, request.Title, request.Author);
            document = document with
            {
                Metadata = document.Metadata with
                {
                    Kind = request.Kind ?? document.Metadata.Kind,
                    Published = TextHygiene.ForMetadata(request.Published) ?? document.Metadata.Published,
                },
            };
        }
        catch (SourceFormatException e)
        {
            return new UploadOutcome.Refused(e.Message);
        }

        var hash = SourceFingerprint.Of(page.Content);
        return await curator.AddDocumentAsync(
            request.GuildId, document, "url:" + url.AbsoluteUri, hash, $"a page titled like \"{document.Metadata.Title}\"", request.Actor,
            WebDocument.State(url, page, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RefreshOutcome> RefreshSourceAsync(ulong guildId, string sourceId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(actor);
        var source = store.WebSources.Find(guildId, sourceId);
        return source is null ? new RefreshOutcome.NotFound() : await RefreshAsync(source, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refreshes the web sources (of every scope) not checked for <see cref="SourcesOptions.RefreshHours"/>; returns how many were checked.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        var due = store.WebSources.Due(time.GetUtcNow().AddHours(-sources.Value.RefreshHours), RoundSize);
        foreach (var source in due)
        {
            var outcome = await RefreshAsync(source, Schedule, cancellationToken).ConfigureAwait(false);
            Refreshed(logger, source.Slug, source.GuildId, outcome.GetType().Name);
        }

        return due.Count;
    }

    private async Task<RefreshOutcome> RefreshAsync(StoredWebSource source, Actor actor, CancellationToken cancellationToken)
    {
        var url = new Uri(source.State.FetchUrl);
        var outcome = await fetcher.FetchAsync(url, new Validators(source.State.ETag, source.State.LastModified), cancellationToken).ConfigureAwait(false);
        var summary = Summary(source);
        switch (outcome)
        {
            case FetchOutcome.NotModified same:
                MarkChecked(source, same.Validators, gone: false);
                return new RefreshOutcome.Unchanged(summary);
            case FetchOutcome.Gone gone:
                MarkChecked(source, null, gone: true);
                return new RefreshOutcome.Gone(summary, gone.Status);
            case FetchOutcome.Failed failed:
                MarkChecked(source, null, gone: false);
                return new RefreshOutcome.Failed(failed.Reason);
        }

        var page = (FetchOutcome.Fetched)outcome;
        if (SourceFingerprint.Of(page.Content) == source.State.PageHash)
        {
            MarkChecked(source, page.Validators, gone: false);
            return new RefreshOutcome.Unchanged(summary);
        }

        SourceDocument document;
        try
        {
            document = WebDocument.Read(url, page, source.Title, source.Author, source.Slug);
            document = document with
            {
                Metadata = document.Metadata with
                {
                    Url = source.Url, Published = source.Published, License = source.License,
                    Kind = SourceKinds.TryParse(source.Kind, out var kind) ? kind : null,
                },
            };
        }
        catch (SourceFormatException e)
        {
            MarkChecked(source, null, gone: false);
            return new RefreshOutcome.Failed(e.Message);
        }

        return await ReplaceAsync(source, document, WebDocument.State(url, page, time.GetUtcNow()), actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RefreshOutcome> ReplaceAsync(StoredWebSource source, SourceDocument document, WebSourceState web, Actor actor, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var indexUsable = sync.CatchUpLocked(cancellationToken, source.GuildId);
            SourceSummary summary;
            CorpusIndexer.PreparedSource prepared;
            long changeId;
            using (var transaction = store.BeginWrite())
            {
                if (transaction.FindWebSource(source.GuildId, source.Slug) is null)
                {
                    return new RefreshOutcome.NotFound(); // removed while the page was fetched
                }

                if (source.GuildId != 0 && QuotaProblem(transaction, source, document) is { } quota)
                {
                    transaction.MarkWebChecked(source.GuildId, source.Slug, null, null, web.CheckedAt, gone: false);
                    transaction.Commit();
                    return new RefreshOutcome.Failed($"the page changed, but its new text is not kept: {quota}");
                }

                transaction.Delete(source.GuildId, source.Slug);
                prepared = CorpusIndexer.Prepare(document, source.Origin, source.ContentHash, transaction);
                transaction.Insert(prepared.Record with { Web = web }, source.GuildId, DateTimeOffset.Parse(web.CheckedAt, CultureInfo.InvariantCulture));
                changeId = transaction.LastChangeId;

                var meta = document.Metadata;
                summary = new SourceSummary(source.Slug, meta.Title, meta.Author, meta.Url, document.Passages.Count, source.GuildId == 0 ? null : source.GuildId, time.GetUtcNow());
                curator.Audit(transaction, source.GuildId, RefreshAction, summary, actor);
                transaction.Commit();
            }

            if (indexUsable)
            {
                using var update = index.BeginUpdate(source.GuildId);
                update.RemoveSource(source.Slug);
                update.Add(prepared.Indexed);
                update.Commit(changeId);
            }

            return new RefreshOutcome.Updated(summary);
        }
    }

    /// <summary>Which quota the new text would pass, the source's old text not counted.</summary>
    private string? QuotaProblem(ICorpusTransaction transaction, StoredWebSource source, SourceDocument document)
    {
        var usage = curator.WithLimits(transaction.Usage(source.GuildId, curator.UploadWindowStart()));
        var without = usage with
        {
            Sources = usage.Sources - 1,
            Passages = usage.Passages - source.PassageCount,
            TextBytes = usage.TextBytes - transaction.SourceTextBytes(source.GuildId, source.Slug),
            UploadsLastHour = 0,
        };
        return CorpusCurator.QuotaProblem(without, document);
    }

    private void MarkChecked(StoredWebSource source, Validators? validators, bool gone)
    {
        store.WebSources.MarkChecked(
            source.GuildId, source.Slug, validators?.ETag, validators?.LastModified,
            time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), gone);
    }

    private static SourceSummary Summary(StoredWebSource source)
        => new(source.Slug, source.Title, source.Author, source.Url, source.PassageCount, source.GuildId == 0 ? null : source.GuildId,
            DateTimeOffset.Parse(source.IndexedAt, CultureInfo.InvariantCulture));

    [LoggerMessage(6003, LogLevel.Information, "Web source {SourceId} of scope {GuildId} refreshed: {Outcome}")]
    private static partial void Refreshed(ILogger logger, string sourceId, ulong guildId, string outcome);
}
