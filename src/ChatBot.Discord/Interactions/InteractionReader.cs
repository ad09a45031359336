using System.Globalization;
using System.Text.Json;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>An INTERACTION_CREATE's payload read into an <see cref="Interaction"/>, or answered with a short note when it cannot be.</summary>
internal static class InteractionReader
{
    /// <summary>
    /// Reads the payload. When it is not a usable interaction but still names an id and token, the user gets
    /// a short private note instead of "The application did not respond".
    /// </summary>
    public static async Task<Interaction?> ReadAsync(GatewayDispatch dispatch, DiscordRestClient rest, ILogger logger, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var interaction = DiscordJson.Deserialize<Interaction>(dispatch.Data);
            if (interaction is { Id: not 0, Token.Length: > 0 })
            {
                return interaction;
            }

            reason = "no id or token";
        }
        catch (JsonException e)
        {
            reason = e.Message;
        }

        InteractionLog.Malformed(logger, reason);
        if (dispatch.Data.ValueKind == JsonValueKind.Object
            && dispatch.Data.TryGetProperty("id", out var idElement)
            && ulong.TryParse(DiscordJson.String(idElement), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && dispatch.Data.TryGetProperty("token", out var tokenElement)
            && DiscordJson.String(tokenElement) is { Length: > 0 } token)
        {
            try
            {
                var note = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, Reply.Note(InteractionRouter.MalformedText).ToMessage(includeFlags: true));
                await rest.CreateInteractionResponseAsync(id, token, note, cancellationToken);
            }
            catch (DiscordRestException e)
            {
                InteractionLog.ApologyFailed(logger, id, e.Message);
            }
            catch (HttpRequestException e)
            {
                InteractionLog.ApologyFailed(logger, id, e.HttpRequestError.ToString());
            }
        }

        return null;
    }
}
