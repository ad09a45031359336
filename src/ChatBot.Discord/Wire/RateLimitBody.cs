namespace ChatBot.Discord.Wire;

/// <summary>A 429 body (F7).</summary>
internal sealed record RateLimitBody
{
    public string? Message { get; init; }

    public double RetryAfter { get; init; }

    public bool Global { get; init; }

    public int? Code { get; init; }
}
