namespace ChatBot.Discord.Wire;

/// <summary>An error body (F8): a JSON code, a message, and for 50035 a tree of field errors.</summary>
internal sealed record DiscordErrorBody
{
    public int? Code { get; init; }

    public string? Message { get; init; }

    public System.Text.Json.JsonElement? Errors { get; init; }
}
