using System.Globalization;
using ChatBot.Search.Store;

namespace ChatBot.Health;

/// <summary>The verdict of the <c>health</c> verb, with one line saying why.</summary>
public sealed record HealthReport(bool Healthy, string Reason);

/// <summary>
/// Judges the bot from outside its process: its status file must be fresh and say it is connected (or only
/// briefly reconnecting, which a probe must not punish), its command slots must not all have been stuck for
/// <see cref="StuckAfter"/>, and the store must answer and hold sources (asked through <see cref="IStoreProbe"/>).
/// </summary>
public static class HealthCheck
{
    /// <summary>A status older than this means the bot stopped writing it: it is not running.</summary>
    public static readonly TimeSpan StaleAfter = BotStatusWriter.Interval * 6;

    /// <summary>How long a started or reconnecting bot may be not yet ready before it counts as unhealthy.</summary>
    public static readonly TimeSpan ReconnectGrace = TimeSpan.FromMinutes(2);

    /// <summary>All command slots busy with none finishing for this long means the bot answers nobody: unhealthy.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(1);

    public static HealthReport Check(IStoreProbe store, IndexOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var index = store.Problem();
        if (index is not null)
        {
            return new HealthReport(false, index);
        }

        return CheckBot(BotStatus.PathFor(options), now);
    }

    /// <summary>The bot's half of the verdict, from its status file at <paramref name="path"/>: running, connected, not stuck.</summary>
    public static HealthReport CheckBot(string path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (BotStatus.ReadFrom(path) is not { } status)
        {
            return new HealthReport(false, $"the bot is not running (no status in {path})");
        }

        var age = now - status.UpdatedAt;
        if (age > StaleAfter)
        {
            return new HealthReport(false, $"the bot is not running (its status is {Seconds(age)} old)");
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

    /// <summary>Why the command slots count as stuck (all busy, none finishing, for a minute), or null.</summary>
    private static string? Stuck(CommandSlots? slots, DateTimeOffset now)
        => slots is { StalledSince: { } since } && now - since >= StuckAfter
            ? $"all {slots.Capacity} command slots busy with none finishing for {Seconds(now - since)} ({slots.Waiting} questions waiting)"
            : null;

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):F0} s");

    private static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } value ? Seconds(now - value) + " ago" : "not yet";
}
