using System.Globalization;
using ChatBot.Core;
using ChatBot.Search.Index;
using ChatBot.Search.Store;

namespace ChatBot.Health;

/// <summary>The verdict of the <c>health</c> verb, with one line saying why.</summary>
public sealed record HealthReport(bool Healthy, string Reason);

/// <summary>
/// Judges the bot from outside its process: its status file must be fresh and say it is connected (or only
/// briefly reconnecting, which a probe must not punish), its command slots must not all have been stuck for
/// <see cref="StuckAfter"/>, its index must have answered its last probe question (<see cref="IndexProbe"/>, asked in
/// the bot through the real engine) recently, the store must answer and hold sources (asked through
/// <see cref="IStoreProbe"/>), and the search index folder must open here and hold passages.
/// </summary>
public static class HealthCheck
{
    /// <summary>A status older than this means the bot stopped writing it: it is not running.</summary>
    public static readonly TimeSpan StaleAfter = BotStatusWriter.Interval * 6;

    /// <summary>How long a started or reconnecting bot may be not yet ready before it counts as unhealthy.</summary>
    public static readonly TimeSpan ReconnectGrace = TimeSpan.FromMinutes(2);

    /// <summary>All command slots busy with none finishing for this long means the bot answers nobody: unhealthy.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(1);

    /// <summary>A probe question last answered longer ago than this (or never, this long after start) means the index no longer answers.</summary>
    public static readonly TimeSpan ProbeStaleAfter = IndexProbe.Interval * 4;

    public static HealthReport Check(IStoreProbe store, IndexOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var problem = store.Problem() ?? SearchIndexProblem(options.SearchIndexPath());
        if (problem is not null)
        {
            return new HealthReport(false, problem);
        }

        return CheckBot(BotStatus.PathFor(options), now);
    }

    /// <summary>Why the search index folder cannot serve questions here (missing, unreadable, empty), or null when it can.</summary>
    public static string? SearchIndexProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path))
        {
            return $"the search index {path} does not exist";
        }

        try
        {
            // Read-only: opening readers never takes the bot's write lock. The store id only matters to writers.
            using var index = new LuceneSearchIndex(path, "health-check");
            using var scope = index.Open(CorpusScope.Global);
            return scope.DocumentCount > 0 ? null : $"the search index {path} holds no passages";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SearchIndexException)
        {
            return $"the search index {path} cannot be opened: {e.Message.ReplaceLineEndings(" ")}";
        }
    }

    /// <summary>The bot's half of the verdict, from its status file at <paramref name="path"/>: running, connected, not stuck, its index answering.</summary>
    public static HealthReport CheckBot(string path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (BotStatus.ReadFrom(path) is not { } status)
        {
            return new HealthReport(false, $"the bot is not running (no status in {path})");
        }

        var verdict = CheckRunningBot(status, now);
        return verdict.Healthy && ProbeProblem(status, now) is { } probe ? new HealthReport(false, probe) : verdict;
    }

    /// <summary>Why the bot's index does not answer, from its last probe question; null when it answered lately (or the bot has only just started).</summary>
    private static string? ProbeProblem(BotStatus status, DateTimeOffset now)
    {
        if (status.Probe is not { } probe)
        {
            return now - status.StartedAt > ProbeStaleAfter
                ? $"the index has not answered a probe question since the bot started {Seconds(now - status.StartedAt)} ago"
                : null;
        }

        if (!probe.Answered)
        {
            return $"the index cannot answer a probe question: {probe.Detail}";
        }

        return now - probe.At > ProbeStaleAfter ? $"the index has not answered a probe question for {Seconds(now - probe.At)}" : null;
    }

    private static HealthReport CheckRunningBot(BotStatus status, DateTimeOffset now)
    {
        var age = now - status.UpdatedAt;
        if (age > StaleAfter)
        {
            return new HealthReport(false, $"the bot is not running (its status is {Seconds(age)} old)");
        }

        if (status.State is not ("Failed" or "Stopped") && status.Shards is { Count: > 0 } shards)
        {
            return Stuck(status.Commands, now) is { } stalled ? new HealthReport(false, stalled) : CheckShards(status, shards, now);
        }

        switch (status.State)
        {
            case "Ready" or "Starting" or "Connecting" when Stuck(status.Commands, now) is { } stuck:
                return new HealthReport(false, stuck);
            case "Ready":
                return new HealthReport(true, $"connected to Discord; last heartbeat acknowledged {Ago(status.LastHeartbeatAck, now)}");
            case "Starting" or "Connecting":
                var since = status.LastReadyAt ?? status.StartedAt;
                return now - since <= ReconnectGrace
                    ? new HealthReport(true, $"connecting to Discord ({Seconds(now - since)} since {(status.LastReadyAt is null ? "start" : "last ready")})")
                    : new HealthReport(false, $"not connected to Discord for {Seconds(now - since)}");
            default:
                return new HealthReport(false, $"the bot stopped ({status.State}{(status.Failure is null ? "" : ": " + status.Failure)})");
        }
    }

    /// <summary>
    /// Every shard the process runs must be ready, or only briefly reconnecting; one stopped for good (4011, refused
    /// intents) makes the bot unhealthy even while the others answer, since its servers get no answers.
    /// </summary>
    private static HealthReport CheckShards(BotStatus status, IReadOnlyList<ShardReport> shards, DateTimeOffset now)
    {
        var plural = shards.Count == 1 ? "" : $" ({shards.Count} shards)";
        var failed = shards.Where(s => s.State == "Failed").ToList();
        if (failed.Count > 0)
        {
            var first = failed[0];
            var others = failed.Count > 1 ? $" ({failed.Count} of {shards.Count} shards stopped)" : "";
            return new HealthReport(false, $"shard {first.Name} stopped for good{others}: {first.Failure ?? "no reason given"}");
        }

        var waiting = shards.Where(s => s.State != "Ready").Select(s => (Shard: s, Since: s.LastReadyAt ?? status.StartedAt)).OrderBy(w => w.Since).ToList();
        if (waiting.Count == 0)
        {
            return new HealthReport(true, $"connected to Discord{plural}; last heartbeat acknowledged {Ago(status.LastHeartbeatAck, now)}");
        }

        var (shard, since) = waiting[0];
        var name = shards.Count == 1 ? "" : $"shard {shard.Name} ";
        var sinceWhat = shard.LastReadyAt is null ? "start" : "last ready";
        return now - since <= ReconnectGrace
            ? new HealthReport(true, $"{name}connecting to Discord ({Seconds(now - since)} since {sinceWhat})")
            : new HealthReport(false, $"{name}not connected to Discord for {Seconds(now - since)}");
    }

    /// <summary>Why the command slots count as stuck (all busy, none finishing, for a minute), or null.</summary>
    private static string? Stuck(CommandSlots? slots, DateTimeOffset now)
        => slots is { StalledSince: { } since } && now - since >= StuckAfter
            ? $"all {slots.Capacity} command slots busy with none finishing for {Seconds(now - since)} ({slots.Waiting} questions waiting)"
            : null;

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):F0} s");

    private static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } value ? Seconds(now - value) + " ago" : "not yet";
}
