using System.Net;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Discord refused a request. The message names the route template (never a token), the status, Discord's
/// JSON error code and its text, so one log line says what went wrong.
/// </summary>
public sealed class DiscordRestException : Exception
{
    public DiscordRestException()
    {
    }

    public DiscordRestException(string message)
        : base(message)
    {
    }

    public DiscordRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DiscordRestException(HttpStatusCode status, int? code, string? detail, string route)
        : base($"Discord answered {(int)status} {status}{(code is null ? "" : $" (code {code})")} to {route}{(string.IsNullOrEmpty(detail) ? "" : $": {detail}")}")
    {
        StatusCode = status;
        Code = code;
        Route = route;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code, e.g. 10062 (unknown interaction) or 50035 (invalid form body).</summary>
    public int? Code { get; }

    public string Route { get; } = "";
}
