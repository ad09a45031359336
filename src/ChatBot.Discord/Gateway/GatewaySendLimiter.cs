using ChatBot.Discord.Foundation;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Discord allows 120 gateway messages per connection per 60 s and closes with 4008 beyond
/// (https://discord.com/developers/docs/events/gateway#rate-limiting). Ordinary sends get 115 of them; heartbeats,
/// IDENTIFY and RESUME may use the last five, so a busy connection can never starve its own heartbeat. One limiter
/// per connection, over one <see cref="SlidingWindow"/> that both kinds of send fill.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time, int limit = 120, int reserved = 5, TimeSpan? window = null)
{
    private readonly SlidingWindow sent = new(time, window ?? TimeSpan.FromSeconds(60));

    public ValueTask WaitAsync(bool priority, CancellationToken cancellationToken)
        => sent.WaitAsync(priority ? limit : limit - reserved, cancellationToken);
}
