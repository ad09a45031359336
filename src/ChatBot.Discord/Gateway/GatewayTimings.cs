namespace ChatBot.Discord.Gateway;

/// <summary>
/// The gateway's waits and timeouts, and its source of randomness. The defaults are Discord's and
/// discord.js's; tests register their own instance to run the same state machine in milliseconds.
/// </summary>
internal sealed class GatewayTimings
{
    /// <summary>Opening the WebSocket (discord.js: 30 s handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>From connect to HELLO (discord.js: 60 s).</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>From IDENTIFY or RESUME to READY or RESUMED (discord.js: 15 s).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for Discord's answer to our close frame before aborting the socket.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Op 9 (not resumable): wait a random time in this range before IDENTIFY (https://discord.com/developers/docs/events/gateway#resuming).</summary>
    public TimeSpan InvalidSessionDelayMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionDelayMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per rate-limit key (<c>shard_id % max_concurrency</c>), one IDENTIFY per this interval (https://discord.com/developers/docs/events/gateway#sharding-max-concurrency).</summary>
    public TimeSpan IdentifyInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>An IDENTIFY reuses the last <c>GET /gateway/bot</c> when it is younger than this (shards identifying together share one).</summary>
    public TimeSpan DiscoveryMaxAge { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect backoff after failed attempts: doubling from the initial delay up to the cap, ± jitter.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan BackoffJitter { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>On shutdown, how long interactions in flight may take to finish.</summary>
    public TimeSpan ShutdownDrain { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A value in [0, 1): the first heartbeat's jitter, the op 9 delay, the backoff's jitter.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public TimeSpan InvalidSessionDelay()
        => InvalidSessionDelayMin + ((InvalidSessionDelayMax - InvalidSessionDelayMin) * Math.Clamp(Random(), 0, 1));

    /// <summary>The wait before attempt number <paramref name="failures"/> + 1 after that many failures in a row.</summary>
    public TimeSpan Backoff(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        var doubled = BackoffInitial * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = doubled > BackoffMax ? BackoffMax : doubled;
        var jitter = BackoffJitter * ((Math.Clamp(Random(), 0, 1) * 2) - 1);
        var delay = capped + jitter;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
