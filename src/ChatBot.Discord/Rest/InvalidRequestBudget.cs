using System.Collections.Concurrent;

namespace ChatBot.Discord.Rest;

/// <summary>
/// How many invalid requests (401, 403, and 429 other than shared-scope ones) the bot allows itself in a sliding
/// window before it stops sending. Cloudflare bans the IP for a while at 10,000 in 10 minutes (https://discord.com/developers/docs/topics/rate-limits#invalid-request-limit-aka-cloudflare-bans); these budgets
/// keep the bot far below that whatever members or Discord do.
/// </summary>
internal sealed class InvalidRequestBudget
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>From this many, requests that can wait (channel messages: replies to mentions) are not sent.</summary>
    public int StopNonEssential { get; init; } = 2_000;

    /// <summary>From this many, no request is sent at all until the count falls.</summary>
    public int StopAll { get; init; } = 5_000;
}
