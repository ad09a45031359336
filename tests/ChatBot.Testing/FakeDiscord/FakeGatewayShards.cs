using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;


namespace ChatBot.Testing.FakeDiscord;

/// <summary>An IDENTIFY as the fake saw it: the connection, its <c>shard</c> array (null when invalid) and when it arrived.</summary>
public sealed record FakeIdentify(FakeGatewayConnection Connection, (int Id, int Count)? Shard, long Timestamp);

/// <summary>
/// The fake gateway's sharding, as Discord does it (https://discord.com/developers/docs/events/gateway#sharding): IDENTIFY carries <c>shard: [id, count]</c> (absent means
/// <c>[0, 1]</c>; an id outside the count closes with 4010), a server's events go to shard
/// <c>(guild_id &gt;&gt; 22) % count</c> and DMs to shard 0, whichever bot process holds that shard's session.
/// </summary>
public sealed partial class FakeGateway
{
    private readonly ConcurrentQueue<FakeIdentify> identifies = new();

    /// <summary>Every IDENTIFY, in the order they arrived.</summary>
    public IReadOnlyList<FakeIdentify> Identifies => identifies.ToArray();

    /// <summary>The shard a server's events go to.</summary>
    public static int ShardOf(ulong? guildId, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return guildId is { } guild ? (int)((guild >> 22) % (ulong)shardCount) : 0;
    }

    /// <summary>The servers of <paramref name="guilds"/> that live on the shard.</summary>
    public static IReadOnlyList<ulong> GuildsOn(IEnumerable<ulong> guilds, int shardId, int shardCount)
        => [.. guilds.Where(g => ShardOf(g, shardCount) == shardId)];

    /// <summary>The open connection whose session is the shard's, or null (the latest one when a bot has reconnected).</summary>
    public FakeGatewayConnection? ConnectionForShard(int shardId)
        => Connections.LastOrDefault(c => c.ShardId == shardId && !c.Closed.IsCompleted);

    /// <summary>Waits until a connection holds a session for the shard (identified or resumed) and returns it.</summary>
    public async Task<FakeGatewayConnection> WaitForShardAsync(int shardId, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TestTimeouts.Default).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (ConnectionForShard(shardId) is { } connection)
            {
                return connection;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"No connection holds a session for shard {shardId}; identified so far: {string.Join(", ", Identifies.Select(i => i.Shard?.ToString() ?? "invalid"))}.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Sends a dispatch as Discord would for an event in <paramref name="guildId"/> (null: a DM): on the connection of
    /// the shard that server lives on, out of the shard count the sessions were opened with. Returns that connection.
    /// </summary>
    public async Task<FakeGatewayConnection> SendToGuildAsync(ulong? guildId, string type, JsonNode? data)
    {
        var connection = await RouteAsync(guildId);
        await connection.SendDispatchAsync(type, data);
        return connection;
    }

    /// <summary>The connection Discord would send an event in <paramref name="guildId"/> on (waits for that shard's session).</summary>
    public async Task<FakeGatewayConnection> RouteAsync(ulong? guildId)
    {
        var count = Connections.Select(c => c.Session?.ShardCount).FirstOrDefault(n => n is not null)
                    ?? (await NextReadyShardCountAsync());
        return await WaitForShardAsync(ShardOf(guildId, count));
    }

    /// <summary>Reads <c>shard</c> from an IDENTIFY's <c>d</c>: <c>[0, 1]</c> when absent, null when it is not a valid <c>[id, count]</c>.</summary>
    internal static (int Id, int Count)? ShardArray(JsonNode? identify)
    {
        if (identify?["shard"] is not { } shard)
        {
            return (0, 1);
        }

        if (shard is JsonArray { Count: 2 } array
            && array[0] is JsonValue first && first.TryGetValue<int>(out var id)
            && array[1] is JsonValue second && second.TryGetValue<int>(out var count)
            && count >= 1 && id >= 0 && id < count)
        {
            return (id, count);
        }

        return null;
    }

    internal void RecordIdentify(FakeGatewayConnection connection, (int Id, int Count)? shard, long timestamp)
        => identifies.Enqueue(new FakeIdentify(connection, shard, timestamp));

    private async Task<int> NextReadyShardCountAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(TestTimeouts.Default.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (Connections.Select(c => c.Session?.ShardCount).FirstOrDefault(n => n is not null) is { } count)
            {
                return count;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("No shard has a session yet, so no event can be routed.");
            }

            await Task.Delay(5);
        }
    }
}
