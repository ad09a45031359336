using System.Text.Json;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// A dispatch (op 0) handed from the receive loop to the workers. <see cref="ReceivedAt"/> is a
/// <see cref="TimeProvider.GetTimestamp"/> taken when the last frame arrived: the 3-second interaction
/// deadline is counted from it, never from the interaction's snowflake: a local clock that runs ahead would refuse
/// interactions at once, and the snowflake marks when the member began typing, not when the bot heard of it.
/// </summary>
internal sealed record GatewayDispatch(string Name, JsonElement Data, int? Sequence, long ReceivedAt);

/// <summary>
/// Handles one kind of dispatch off the receive loop (INTERACTION_CREATE, MESSAGE_CREATE, READY). The
/// gateway asks for the union of the handlers' intents, so a handler that needs message events brings its
/// own (non-privileged) intents.
/// </summary>
internal interface IDispatchHandler
{
    string EventName { get; }

    GatewayIntents RequiredIntents => GatewayIntents.None;

    ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}
