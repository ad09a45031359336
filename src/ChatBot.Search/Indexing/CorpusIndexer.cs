using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using ChatBot.Search.Analysis;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Brings the global part of the index in line with a folder of source files: unchanged files (same content
/// hash) are skipped, changed ones replace their passages, removed ones are deleted, and a file that cannot be
/// read is reported by name while every other file is indexed (an earlier good version of it stays). All of it
/// commits in one transaction, so readers see the old corpus or the new one, never half of it.
/// </summary>
public sealed partial class CorpusIndexer(PassageStore store, ILogger<CorpusIndexer> logger)
{
    /// <summary>Bumped whenever ingestion or analysis changes how a file becomes passages, so every file re-indexes.</summary>
    public const string PipelineVersion = "1";

    private static readonly string[] Extensions = [".md", ".markdown", ".txt", ".html", ".htm"];

    public IndexReport SyncFolder(string sourcesPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcesPath);
        var stopwatch = Stopwatch.StartNew();
        if (!Directory.Exists(sourcesPath))
        {
            throw new StoreException($"the sources folder {sourcesPath} does not exist");
        }

        var files = Directory.EnumerateFiles(sourcesPath, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(sourcesPath, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        var problems = new ConcurrentBag<string>();
        var seenSlugs = new Dictionary<string, string>(StringComparer.Ordinal);
        var work = new List<(string RelativePath, string Slug)>();
        foreach (var relative in files)
        {
            var slug = SourceReader.SlugFor(Path.GetFileName(relative));
            if (seenSlugs.TryGetValue(slug, out var other))
            {
                problems.Add($"{relative}: skipped, it has the same id \"{slug}\" as {other}; rename one of them");
                continue;
            }

            seenSlugs[slug] = relative;
            work.Add((relative, slug));
        }

        using var connection = store.OpenConnection();

        // BEGIN IMMEDIATE: one writer at a time, so what is read here stays true until the commit. Readers
        // keep answering from the last committed corpus meanwhile (WAL).
        using var transaction = connection.BeginTransaction();
        var existing = LoadGlobalSources(connection, transaction);
        var changed = new ConcurrentBag<ChangedFile>();
        var unchanged = 0;
        Parallel.ForEach(
            work,
            new ParallelOptions { CancellationToken = cancellationToken },
            item =>
            {
                try
                {
                    var bytes = File.ReadAllBytes(Path.Combine(sourcesPath, item.RelativePath));
                    var hash = Fingerprint(bytes);
                    if (existing.TryGetValue(item.Slug, out var stored) && stored.ContentHash == hash)
                    {
                        Interlocked.Increment(ref unchanged);
                    }
                    else
                    {
                        changed.Add(new ChangedFile(item.RelativePath, item.Slug, bytes, hash));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{item.RelativePath}: cannot be read: {e.Message}");
                }
            });

        // A file that fails to read or parse keeps its earlier version: its slug is still wanted.
        var wanted = work.Select(w => w.Slug).ToHashSet(StringComparer.Ordinal);
        var removed = existing.Values.Where(s => !wanted.Contains(s.Slug)).ToList();
        int added = 0, updated = 0, passagesWritten = 0;
        if (!changed.IsEmpty || removed.Count > 0)
        {
            using var writer = new SourceWriter(connection, transaction);
            foreach (var source in removed)
            {
                writer.Delete(source.Id);
            }

            // Parsing and analysis run on the other cores while this thread writes what is ready.
            using var ready = new BlockingCollection<PreparedSource>(boundedCapacity: 64);
            var producer = Task.Run(
                () =>
                {
                    try
                    {
                        Parallel.ForEach(
                            changed.OrderBy(c => c.Slug, StringComparer.Ordinal),
                            new ParallelOptions { CancellationToken = cancellationToken },
                            file =>
                            {
                                try
                                {
                                    var document = SourceReader.Read(Path.GetFileName(file.RelativePath), file.Bytes);
                                    ready.Add(PreparedSource.Prepare(document with { Slug = file.Slug }, file.RelativePath, file.Hash, writer.Vocabulary), cancellationToken);
                                }
                                catch (SourceFormatException e)
                                {
                                    problems.Add($"{file.RelativePath}: {e.Message}");
                                }
                            });
                    }
                    finally
                    {
                        ready.CompleteAdding();
                    }
                },
                cancellationToken);

            foreach (var source in ready.GetConsumingEnumerable(cancellationToken))
            {
                if (existing.TryGetValue(source.Document.Slug, out var old))
                {
                    writer.Delete(old.Id);
                    updated++;
                }
                else
                {
                    added++;
                }

                passagesWritten += writer.Insert(source, guildId: 0);
            }

            producer.GetAwaiter().GetResult();
            writer.Complete();
            PassageStore.BumpGeneration(connection, transaction);
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }

        foreach (var problem in problems.Order(StringComparer.Ordinal))
        {
            SourceProblem(logger, problem);
        }

        var (sourceCount, passageCount) = CountGlobal(connection);
        var report = new IndexReport(
            added, updated, unchanged, removed.Count, passagesWritten, sourceCount, passageCount,
            stopwatch.Elapsed, [.. problems.Order(StringComparer.Ordinal)]);
        IndexUpdated(logger, added, updated, unchanged, removed.Count, passagesWritten, (long)stopwatch.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>
    /// Syncs <paramref name="sourcesPath"/> when it exists; when it does not, the index must already hold a
    /// corpus. Returns the report, or null when there was no folder to sync.
    /// </summary>
    /// <exception cref="StoreException">Neither the folder nor an indexed corpus exists.</exception>
    public IndexReport? EnsureIndexed(string sourcesPath, CancellationToken cancellationToken)
    {
        if (Directory.Exists(sourcesPath))
        {
            return SyncFolder(sourcesPath, cancellationToken);
        }

        using var connection = store.OpenConnection();
        if (CountGlobal(connection).Sources == 0)
        {
            throw new StoreException($"the sources folder {sourcesPath} does not exist and the index {store.DatabasePath} holds no sources");
        }

        return null;
    }

    /// <summary>The content hash stored with a source: the file's bytes and the pipeline version.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> bytes)
        => PipelineVersion + ":" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Dictionary<string, StoredSource> LoadGlobalSources(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, slug, content_hash FROM sources WHERE guild_id = 0";
        using var reader = command.ExecuteReader();
        var sources = new Dictionary<string, StoredSource>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var source = new StoredSource(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            sources[source.Slug] = source;
        }

        return sources;
    }

    private static (int Sources, int Passages) CountGlobal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(passage_count), 0) FROM sources WHERE guild_id = 0";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private sealed record StoredSource(long Id, string Slug, string ContentHash);

    private sealed record ChangedFile(string RelativePath, string Slug, byte[] Bytes, string Hash);

    [LoggerMessage(2001, LogLevel.Warning, "Source problem: {Problem}")]
    private static partial void SourceProblem(ILogger logger, string problem);

    [LoggerMessage(2002, LogLevel.Information, "Index updated: {Added} added, {Updated} updated, {Unchanged} unchanged, {Removed} removed, {Passages} passages written in {ElapsedMs} ms")]
    private static partial void IndexUpdated(ILogger logger, int added, int updated, int unchanged, int removed, int passages, long elapsedMs);
}

/// <summary>A parsed source with each passage analyzed, ready for <see cref="SourceWriter"/>.</summary>
public sealed record PreparedSource(SourceDocument Document, string Origin, string ContentHash, IReadOnlyList<PreparedPassage> Passages)
{
    /// <summary>Analyzes every passage; safe to call from several threads with one vocabulary.</summary>
    public static PreparedSource Prepare(SourceDocument document, string origin, string contentHash, Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var passages = new PreparedPassage[document.Passages.Count];
        var ids = new List<int>();
        for (var i = 0; i < passages.Length; i++)
        {
            var terms = TextAnalyzer.Terms(document.Passages[i].Text);
            ids.Clear();
            foreach (var term in terms)
            {
                ids.Add(vocabulary.IdOf(term));
            }

            passages[i] = new PreparedPassage(string.Join(' ', terms), terms.Count, TermVector.Encode(CollectionsMarshal.AsSpan(ids)));
        }

        return new PreparedSource(document, origin, contentHash, passages);
    }
}

/// <summary>A passage's analyzed terms (as FTS5 indexes them), their count, and its term vector.</summary>
public sealed record PreparedPassage(string Terms, int Length, byte[] Vector);
