using System.Diagnostics;
using ChatBot.Search.Store;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Semantic;

/// <summary>What one catch-up embedded: passages, the time the model took, and their tokens.</summary>
public sealed record EmbeddingReport(int Embedded, int Removed, TimeSpan ModelTime, long Tokens)
{
    public double PassagesPerSecond => ModelTime.TotalSeconds > 0 ? Embedded / ModelTime.TotalSeconds : 0;
}

/// <summary>
/// Brings each scope's passage embeddings up to date with the store, after the search index: passages without a
/// vector are embedded (the shortest first, in chunks written as they are done, so a crash loses at most one
/// chunk), vectors of passages no longer in the store are dropped, and the scope is marked as reflecting the
/// store's last change. A scope above the size limit gets none. One catch-up at a time.
/// </summary>
public sealed partial class PassageEmbedder(SemanticIndex semantic, ICorpusStore store, ILogger<PassageEmbedder> logger)
{
    /// <summary>Passages read from the store and embedded between two writes of the vectors file.</summary>
    public const int ChunkSize = 64;

    private readonly Lock running = new();

    /// <summary>Whether some scope's vectors are behind the store (cheap: the change log's last ids and the files' headers).</summary>
    public bool IsBehind()
    {
        if (!semantic.Options.Enabled)
        {
            return false;
        }

        var last = new Dictionary<ulong, long>(store.Changes.LastChanges());
        last.TryAdd(0, 0);
        return last.Any(p => semantic.Scope(p.Key) is { ReadOnly: false } vectors && vectors.AppliedChange != p.Value);
    }

    /// <summary>Embeds what every scope lacks; returns what it did. Blocks for as long as the model takes.</summary>
    public EmbeddingReport CatchUp(CancellationToken cancellationToken)
    {
        var total = new EmbeddingReport(0, 0, TimeSpan.Zero, 0);
        if (!semantic.Options.Enabled)
        {
            return total;
        }

        lock (running)
        {
            var last = new Dictionary<ulong, long>(store.Changes.LastChanges());
            last.TryAdd(0, 0);
            foreach (var (guildId, lastChange) in last.OrderBy(p => p.Key))
            {
                var report = CatchUpScope(guildId, lastChange, cancellationToken);
                total = new EmbeddingReport(
                    total.Embedded + report.Embedded, total.Removed + report.Removed, total.ModelTime + report.ModelTime, total.Tokens + report.Tokens);
            }
        }

        return total;
    }

    private EmbeddingReport CatchUpScope(ulong guildId, long lastChange, CancellationToken cancellationToken)
    {
        var vectors = semantic.Scope(guildId);
        if (vectors.ReadOnly || vectors.AppliedChange == lastChange)
        {
            return new EmbeddingReport(0, 0, TimeSpan.Zero, 0);
        }

        var (_, passages) = store.Count(guildId);
        if (!semantic.Options.AppliesTo(passages))
        {
            var dropped = vectors.Count;
            if (dropped > 0)
            {
                vectors.Clear();
                TooLarge(logger, ScopeName(guildId), passages, semantic.Options.SemanticMaxPassages);
            }

            vectors.Commit(lastChange);
            return new EmbeddingReport(0, dropped, TimeSpan.Zero, 0);
        }

        // Only ids, hashes and lengths are kept from the snapshot: texts are read again chunk by chunk.
        var live = new HashSet<long>();
        var missing = new List<(long RowId, uint Hash, int Length)>();
        var snapshot = store.Changes.ReadScope(guildId, (rows, _) =>
        {
            foreach (var row in rows)
            {
                live.Add(row.RowId);
                var hash = TextHash(row.Text);
                if (!vectors.TryGet(row.RowId, out var known) || known.TextHash != hash)
                {
                    missing.Add((row.RowId, hash, row.Text.Length));
                }
            }
        });
        var dead = vectors.RowIds.Where(id => !live.Contains(id)).ToList();
        vectors.Remove(dead);
        if (missing.Count == 0)
        {
            vectors.Commit(snapshot);
            return new EmbeddingReport(0, dead.Count, TimeSpan.Zero, 0);
        }

        Embedding(logger, missing.Count, ScopeName(guildId));
        var model = semantic.Model();
        var modelTime = TimeSpan.Zero;
        long tokens = 0;
        var embedded = 0;
        foreach (var chunk in missing.OrderBy(m => m.Length).Chunk(ChunkSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var texts = store.Rows.Load([.. chunk.Select(c => c.RowId)]);
            var present = chunk.Where(c => texts.ContainsKey(c.RowId)).ToList();
            if (present.Count == 0)
            {
                continue;
            }

            var batch = present.Select(c => texts[c.RowId].Text).ToList();
            tokens += batch.Sum(model.TokenCount);
            var stopwatch = Stopwatch.StartNew();
            var made = model.EmbedPassages(batch, cancellationToken);
            modelTime += stopwatch.Elapsed;
            vectors.Add([.. present.Select((c, i) => (c.RowId, TextHash(texts[c.RowId].Text), made[i]))]);
            embedded += present.Count;
        }

        vectors.Commit(snapshot);
        var report = new EmbeddingReport(embedded, dead.Count, modelTime, tokens);
        Embedded(logger, embedded, ScopeName(guildId), (long)modelTime.TotalMilliseconds, report.PassagesPerSecond);
        return report;
    }

    /// <summary>FNV-1a over the text's characters: a vector made from other text is not this passage's.</summary>
    public static uint TextHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static string ScopeName(ulong guildId) => guildId == 0 ? "the bundled corpus" : $"server {guildId}";

    [LoggerMessage(2201, LogLevel.Information, "Embedding {Passages} passages of {Scope} in the background")]
    private static partial void Embedding(ILogger logger, int passages, string scope);

    [LoggerMessage(2202, LogLevel.Information, "Embedded {Passages} passages of {Scope}: {ModelMs} ms in the model, {PerSecond:F1} passages/s")]
    private static partial void Embedded(ILogger logger, int passages, string scope, long modelMs, double perSecond);

    [LoggerMessage(2203, LogLevel.Information, "No embeddings for {Scope}: {Passages} passages, above Answers:SemanticMaxPassages ({Limit}); set Answers:Semantic=true to embed it anyway")]
    private static partial void TooLarge(ILogger logger, string scope, int passages, int limit);
}
