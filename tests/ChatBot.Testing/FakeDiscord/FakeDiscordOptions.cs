namespace ChatBot.Testing.FakeDiscord;

/// <summary>How the fake Discord behaves. The defaults make a well-behaved Discord; tests change one thing at a time.</summary>
public sealed class FakeDiscordOptions
{
    /// <summary>When set, bot routes need <c>Authorization: Bot {token}</c> (else 401) and IDENTIFY/RESUME need the token (else close 4004).</summary>
    public string? ExpectedToken { get; set; }

    /// <summary>The heartbeat interval HELLO announces.</summary>
    public int HeartbeatIntervalMs { get; set; } = 45_000;

    /// <summary>Whether connection number n (1-based) gets a HELLO on connect. A connection without one tests the HELLO timeout.</summary>
    public Func<int, bool> SendHello { get; set; } = _ => true;

    /// <summary>Whether connection n answers IDENTIFY with READY, a known RESUME with RESUMED and an unknown RESUME with op 9 false.</summary>
    public Func<int, bool> AutoReady { get; set; } = _ => true;

    /// <summary>Answer heartbeats with op 11 (per connection: <see cref="FakeGatewayConnection.AutoAck"/>).</summary>
    public Func<int, bool> AutoAck { get; set; } = _ => true;

    /// <summary>Close the connection with this code instead of answering IDENTIFY (e.g. 4004, 4014).</summary>
    public int? CloseOnIdentify { get; set; }

    /// <summary><c>session_start_limit.remaining</c> in <c>GET /gateway/bot</c>.</summary>
    public int SessionStartRemaining { get; set; } = 1000;

    /// <summary>Refuse every WebSocket upgrade on /resume with 503 (a resume host that is down).</summary>
    public bool RefuseResume { get; set; }

    /// <summary>How many WebSocket upgrades to refuse with 503 before accepting one.</summary>
    public int RefuseConnections { get; set; }

    /// <summary>An interaction callback later than this after INTERACTION_CREATE gets 404 10062, as on Discord.</summary>
    public TimeSpan InteractionDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary><c>shards</c> in <c>GET /gateway/bot</c>: how many shards Discord recommends.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary><c>session_start_limit.max_concurrency</c>: how many rate-limit keys (<c>shard_id % max_concurrency</c>) identify at once.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The servers the bot is in, listed (unavailable) in READY on the shard each belongs to. Default: the default guild.</summary>
    public IReadOnlyList<ulong> Guilds { get; set; } = [FakeInteraction.DefaultGuildId];

    /// <summary>A shard that would hold more servers than this is closed with 4011 (sharding required), as at Discord's 2,500.</summary>
    public int MaxGuildsPerShard { get; set; } = 2500;

    /// <summary>Close IDENTIFY on the given shard id with the returned code (e.g. 4014 on shard 1 only); null answers normally.</summary>
    public Func<int, int?> CloseOnIdentifyForShard { get; set; } = _ => null;

    public ulong ApplicationId { get; set; } = 1100000000000000001;

    public string BotUserName { get; set; } = "askbot";
}
