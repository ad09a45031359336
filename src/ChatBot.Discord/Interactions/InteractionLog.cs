using ChatBot.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>Interaction log lines (event ids 4000–4099). Interaction ids only: never a token, never the question.</summary>
internal static partial class InteractionLog
{
    [LoggerMessage(4001, LogLevel.Information, "Interaction {InteractionId} ({Kind} {Name}) acknowledged in {ElapsedMs} ms")]
    public static partial void Acknowledged(ILogger logger, ulong interactionId, InteractionType kind, string name, long elapsedMs);

    [LoggerMessage(4002, LogLevel.Warning, "Interaction {InteractionId} ({Kind} {Name}) acknowledged after {ElapsedMs} ms, close to Discord's 3 s deadline")]
    public static partial void AcknowledgedLate(ILogger logger, ulong interactionId, InteractionType kind, string name, long elapsedMs);

    [LoggerMessage(4003, LogLevel.Information, "Interaction {InteractionId} ({Kind} {Name}) answered in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, ulong interactionId, InteractionType kind, string name, long elapsedMs);

    [LoggerMessage(4004, LogLevel.Warning, "Interaction {InteractionId}: unknown command {Name}")]
    public static partial void UnknownCommand(ILogger logger, ulong interactionId, string name);

    [LoggerMessage(4005, LogLevel.Warning, "Interaction {InteractionId}: no handler for custom id prefix {Prefix}")]
    public static partial void UnknownComponent(ILogger logger, ulong interactionId, string prefix);

    [LoggerMessage(4006, LogLevel.Warning, "Malformed INTERACTION_CREATE ignored: {Reason}")]
    public static partial void Malformed(ILogger logger, string reason);

    [LoggerMessage(4007, LogLevel.Error, "Interaction {InteractionId} ({Kind} {Name}) failed")]
    public static partial void Failed(ILogger logger, ulong interactionId, InteractionType kind, string name, Exception exception);

    [LoggerMessage(4008, LogLevel.Warning, "Interaction {InteractionId}: could not tell the user about the failure ({Reason})")]
    public static partial void ApologyFailed(ILogger logger, ulong interactionId, string reason);

    [LoggerMessage(4009, LogLevel.Information, "Interaction {InteractionId}: {Name} refused ({Reason})")]
    public static partial void Refused(ILogger logger, ulong interactionId, string name, string reason);

    [LoggerMessage(4010, LogLevel.Warning, "Interaction {InteractionId}: unsupported interaction type {Type} ignored")]
    public static partial void UnsupportedType(ILogger logger, ulong interactionId, int type);

    [LoggerMessage(4011, LogLevel.Warning, "Interaction {InteractionId}: garbled custom id for {Prefix}")]
    public static partial void GarbledCustomId(ILogger logger, ulong interactionId, string prefix);

    [LoggerMessage(4012, LogLevel.Warning, "All {Capacity} command slots are busy and {Waiting} questions wait: refusing new ones until one finishes")]
    public static partial void SlotsFull(ILogger logger, int capacity, int waiting);

    [LoggerMessage(4013, LogLevel.Information, "Command slots accepting questions again; {Refused} were refused meanwhile")]
    public static partial void SlotsFree(ILogger logger, int refused);

    [LoggerMessage(4014, LogLevel.Warning, "A question waiting for or holding a command slot was cancelled at shutdown")]
    public static partial void WorkCancelled(ILogger logger);

    [LoggerMessage(4015, LogLevel.Error, "A question in a command slot failed outside its own error handling")]
    public static partial void WorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(4016, LogLevel.Information, "Channel {ChannelId}: the bot lacks the permissions to reply there (app_permissions); not posting there for {Minutes} minutes")]
    public static partial void ChannelNotPostable(ILogger logger, ulong channelId, long minutes);
}
