using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Search.Store;

namespace ChatBot.Health;

/// <summary>The command slots as the status file keeps them: how many, how many busy and waiting, and since when they have been stuck.</summary>
public sealed record CommandSlots(int Capacity, int Busy, int Waiting, DateTimeOffset? StalledSince);

/// <summary>
/// One shard as the status file keeps it: its id out of how many, its state, when it was last seen ready, its last
/// acknowledged heartbeat and why it stopped for good, if it did.
/// </summary>
public sealed record ShardReport(int Id, int Count, string State, DateTimeOffset? LastReadyAt, DateTimeOffset? LastHeartbeatAck, string? Failure)
{
    /// <summary>"1/4".</summary>
    public string Name => $"{Id}/{Count}";
}

/// <summary>
/// What the running bot tells the <c>health</c> verb, which runs as another process (a container's health
/// check): its gateway state overall and per shard, its command slots, whether its index answered the last probe
/// question (<see cref="IndexProbe"/>) and when it last wrote. Written as JSON next to the database.
/// </summary>
public sealed record BotStatus(
    string State,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastReadyAt,
    DateTimeOffset? LastHeartbeatAck,
    string? Failure,
    CommandSlots? Commands = null,
    IReadOnlyList<ShardReport>? Shards = null,
    ProbeReport? Probe = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The status file of a database: <c>/data/chatbot.db</c> has <c>/data/chatbot.status.json</c>.</summary>
    public static string PathFor(IndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.ChangeExtension(options.DatabasePath, ".status.json");
    }

    /// <summary>The fatal-close record of a database: <c>/data/chatbot.db</c> has <c>/data/chatbot.fatal-close.json</c>.</summary>
    public static string FatalClosePathFor(IndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.ChangeExtension(options.DatabasePath, ".fatal-close.json");
    }

    /// <summary>Writes the status atomically (a temp file renamed over the old one), so a reader never sees half of it.</summary>
    public void WriteTo(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The status in <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static BotStatus? ReadFrom(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<BotStatus>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // Unreadable counts as no status: the health check then reports the bot as not running.
            return null;
        }
    }
}
