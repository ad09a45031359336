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

    private DiscordRestException(string message, HttpStatusCode status, string route)
        : base(message)
    {
        StatusCode = status;
        Route = route;
        Sent = false;
    }

    internal DiscordRestException(HttpStatusCode status, int? code, string? detail, string route)
        : base($"Discord answered {(int)status} {status}{(code is null ? "" : $" (code {code})")} to {route}{(string.IsNullOrEmpty(detail) ? "" : $": {detail}")}")
    {
        StatusCode = status;
        Code = code;
        Route = route;
    }

    /// <summary>The status Discord answered; for a request the bot did not send, the status it would have risked.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>False when the bot kept the request back (a blocked channel, an open breaker, a token known to be invalid).</summary>
    public bool Sent { get; private init; } = true;

    /// <summary>Discord's JSON error code, e.g. 10062 (unknown interaction) or 50035 (invalid form body).</summary>
    public int? Code { get; }

    public string Route { get; } = "";

    /// <summary>A request the bot did not send, saying why; <paramref name="risked"/> is the answer it expected.</summary>
    internal static DiscordRestException NotSent(HttpStatusCode risked, string reason, string route)
        => new($"Not sent to {route}: {reason}", risked, route);
}
