using System.Globalization;
using ChatBot.Core;
using ChatBot.Search.Chronology;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
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
    PassageStore store, ISearchIndex index, SearchIndexSync sync, IndexWriteGate gate, IOptions<CommunityOptions> options, TimeProvider time,
    ILogger<CorpusCurator> logger)
    : ICorpusCurator
{
    public static readonly IReadOnlyList<string> Extensions = [".md", ".markdown", ".txt", ".html", ".htm"];

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
            using (var connection = store.OpenConnection())
            using (var transaction = connection.BeginTransaction())
            {
                var source = FindOwn(connection, transaction, guildId, sourceId);
                if (source is null)
                {
                    return null;
                }

                using (var writer = new SourceWriter(connection, transaction))
                {
                    writer.Delete(guildId, sourceId);
                    changeId = writer.LastChangeId;
                }

                summary = source.Value.Summary;
                Audit(connection, transaction, guildId, "removed", summary, actor);
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
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SummaryColumns} FROM sources WHERE guild_id = $guild ORDER BY title COLLATE NOCASE, slug LIMIT $take OFFSET $skip;
            SELECT count(*) FROM sources WHERE guild_id = $guild;
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$take", Math.Clamp(take, 1, 100));
        command.Parameters.AddWithValue("$skip", Math.Max(0, skip));
        using var reader = command.ExecuteReader();
        var items = ReadSummaries(reader);
        reader.NextResult();
        reader.Read();
        return ValueTask.FromResult(new Page<SourceSummary>(items, reader.GetInt32(0), Math.Max(0, skip)));
    }

    public ValueTask<SourceDetails?> GetSourceAsync(ulong guildId, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SummaryColumns}, origin, published, license,
                   (SELECT text FROM passages WHERE source_id = sources.id ORDER BY ordinal LIMIT 1)
            FROM sources WHERE slug = $slug AND guild_id IN ($guild, 0) ORDER BY guild_id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$slug", sourceId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return ValueTask.FromResult<SourceDetails?>(null);
        }

        var summary = ReadSummary(reader);
        var details = new SourceDetails(summary, reader.GetString(7), NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10),
            StoredSources.KindOf(connection, summary.GuildId ?? 0, summary.SourceId));
        return ValueTask.FromResult<SourceDetails?>(details);
    }

    public ValueTask<IReadOnlyList<SourceSummary>> FindSourcesAsync(ulong guildId, string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SummaryColumns} FROM sources
            WHERE guild_id = $guild AND (title LIKE $pattern ESCAPE '\' OR slug LIKE $pattern ESCAPE '\')
            ORDER BY title COLLATE NOCASE, slug LIMIT $limit
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$pattern", "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 100));
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult<IReadOnlyList<SourceSummary>>(ReadSummaries(reader));
    }

    public ValueTask<IReadOnlyList<AuditEntry>> HistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, action, source_slug, title, actor_id, actor_name, passage_count FROM audit_log
            WHERE guild_id = $guild ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 100));
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            entries.Add(new AuditEntry(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                new Actor((ulong)reader.GetInt64(4), reader.GetString(5)), reader.GetInt32(6)));
        }

        return ValueTask.FromResult<IReadOnlyList<AuditEntry>>(entries);
    }

    public ValueTask<QuotaUsage> UsageAsync(ulong guildId, CancellationToken cancellationToken)
    {
        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var usage = Usage(connection, transaction, guildId);
        transaction.Commit();
        return ValueTask.FromResult(usage);
    }

    /// <summary>Which quota an upload of <paramref name="document"/> would pass, said so a moderator knows how to make room.</summary>
    private static string? QuotaProblem(QuotaUsage usage, SourceDocument document)
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

    private QuotaUsage Usage(SqliteConnection connection, SqliteTransaction transaction, ulong guildId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT count(*), coalesce(sum(passage_count), 0),
                   coalesce((SELECT sum(length(CAST(p.text AS BLOB))) FROM passages p JOIN sources s2 ON s2.id = p.source_id WHERE s2.guild_id = $guild), 0),
                   (SELECT count(*) FROM audit_log WHERE guild_id = $guild AND action = 'added' AND at >= $since)
            FROM sources WHERE guild_id = $guild
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$since", time.GetUtcNow().AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        reader.Read();
        var limits = options.Value;
        return new QuotaUsage(
            reader.GetInt32(0), limits.MaxSourcesPerServer, reader.GetInt32(1), limits.MaxPassagesPerServer,
            reader.GetInt64(2), limits.MaxBytesPerServer, reader.GetInt32(3), limits.MaxUploadsPerHour);
    }

    private const string SummaryColumns = "slug, title, author, url, passage_count, guild_id, indexed_at";

    /// <summary>What is wrong with an upload before it is read at all: its type by name, its size, its url.</summary>
    private string? Check(SourceUpload upload)
    {
        var extension = Path.GetExtension(upload.Name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return $"{Describe(upload.Name)} is not a source file: upload Markdown (.md), text (.txt) or HTML (.html)";
        }

        if (upload.Content.Length > options.Value.MaxUploadBytes)
        {
            return $"{Describe(upload.Name)} is {Size(upload.Content.Length)}; the limit is {Size(options.Value.MaxUploadBytes)}";
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

        cancellationToken.ThrowIfCancellationRequested();
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var indexUsable = sync.CatchUpLocked(cancellationToken, upload.GuildId);
            SourceSummary summary;
            CorpusIndexer.PreparedSource prepared;
            long changeId;
            using (var connection = store.OpenConnection())
            using (var transaction = connection.BeginTransaction())
            {
                var slug = document.Slug;
                if (FindOwn(connection, transaction, upload.GuildId, slug) is { } existing)
                {
                    return new UploadOutcome.Refused(
                        $"this server already has a source from a file named like {Describe(upload.Name)} (\"{existing.Summary.Title}\", id {slug}); remove it first with /source remove");
                }

                if (QuotaProblem(Usage(connection, transaction, upload.GuildId), document) is { } quota)
                {
                    return new UploadOutcome.Refused(quota);
                }

                // Ids stay unambiguous in citations: a server's source never takes a bundled source's id.
                for (var n = 2; SlugTaken(connection, transaction, slug); n++)
                {
                    slug = string.Create(CultureInfo.InvariantCulture, $"{document.Slug}-{n}");
                }

                var now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                using (var writer = new SourceWriter(connection, transaction))
                {
                    prepared = CorpusIndexer.Prepare(document with { Slug = slug }, "upload:" + upload.Name, CorpusIndexer.Fingerprint(upload.Content), writer);
                    writer.Insert(prepared.Record, upload.GuildId, now);
                    changeId = writer.LastChangeId;
                    summary = new SourceSummary(slug, document.Metadata.Title, document.Metadata.Author, document.Metadata.Url, document.Passages.Count, upload.GuildId, time.GetUtcNow());
                }

                Audit(connection, transaction, upload.GuildId, "added", summary, upload.Actor);
                transaction.Commit();
            }

            if (indexUsable)
            {
                using var update = index.BeginUpdate(upload.GuildId);
                update.Add(prepared.Indexed);
                update.Commit(changeId);
            }

            SourceAdded(logger, summary.SourceId, upload.GuildId, summary.PassageCount);
            return new UploadOutcome.Added(summary);
        }
    }

    private static (long RowId, SourceSummary Summary)? FindOwn(SqliteConnection connection, SqliteTransaction transaction, ulong guildId, string slug)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {SummaryColumns}, id FROM sources WHERE guild_id = $guild AND slug = $slug";
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$slug", slug);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(7), ReadSummary(reader)) : null;
    }

    private static bool SlugTaken(SqliteConnection connection, SqliteTransaction transaction, string slug)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM sources WHERE slug = $slug AND guild_id = 0)";
        command.Parameters.AddWithValue("$slug", slug);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 1;
    }

    private void Audit(SqliteConnection connection, SqliteTransaction transaction, ulong guildId, string action, SourceSummary source, Actor actor)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO audit_log (at, guild_id, action, source_slug, title, actor_id, actor_name, passage_count)
            VALUES ($at, $guild, $action, $slug, $title, $actorId, $actorName, $passages)
            """;
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$slug", source.SourceId);
        command.Parameters.AddWithValue("$title", source.Title);
        command.Parameters.AddWithValue("$actorId", (long)actor.Id);
        command.Parameters.AddWithValue("$actorName", actor.Name);
        command.Parameters.AddWithValue("$passages", source.PassageCount);
        command.ExecuteNonQuery();
    }

    private static List<SourceSummary> ReadSummaries(SqliteDataReader reader)
    {
        var items = new List<SourceSummary>();
        while (reader.Read())
        {
            items.Add(ReadSummary(reader));
        }

        return items;
    }

    private static SourceSummary ReadSummary(SqliteDataReader reader)
    {
        var guild = (ulong)reader.GetInt64(5);
        return new SourceSummary(
            reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3), reader.GetInt32(4),
            guild == 0 ? null : guild, DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture));
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Describe(string name) => "\"" + (name.Length <= 60 ? name : name[..60] + "…") + "\"";

    private static string Size(long bytes)
        => bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");

    [LoggerMessage(6001, LogLevel.Information, "Source {SourceId} added to server {GuildId}: {Passages} passages")]
    private static partial void SourceAdded(ILogger logger, string sourceId, ulong guildId, int passages);

    [LoggerMessage(6002, LogLevel.Information, "Source {SourceId} removed from server {GuildId}: {Passages} passages")]
    private static partial void SourceRemoved(ILogger logger, string sourceId, ulong guildId, int passages);
}
