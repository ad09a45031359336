using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Gateway;

/// <summary>Gateway log lines (event ids 2000–2099). Never the token, never the session id.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(2001, LogLevel.Information, "Gateway shard {Shard} connection {ConnectionId}: connecting to {Host}{Path} to {Action}")]
    public static partial void Connecting(ILogger logger, string shard, int connectionId, string host, string path, string action);

    [LoggerMessage(2002, LogLevel.Information, "Gateway shard {Shard} connection {ConnectionId}: ready as {UserName} ({GuildCount} servers)")]
    public static partial void Ready(ILogger logger, string shard, int connectionId, string userName, int guildCount);

    [LoggerMessage(2003, LogLevel.Information, "Gateway shard {Shard} connection {ConnectionId}: resumed at sequence {Sequence}")]
    public static partial void Resumed(ILogger logger, string shard, int connectionId, int? sequence);

    [LoggerMessage(2004, LogLevel.Information, "Gateway shard {Shard} connection {ConnectionId}: closing with {CloseCode} ({Reason})")]
    public static partial void Closing(ILogger logger, string shard, int connectionId, int closeCode, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: Discord closed it with {CloseCode} ({Meaning})")]
    public static partial void ClosedByDiscord(ILogger logger, string shard, int connectionId, int? closeCode, string meaning);

    [LoggerMessage(2006, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: no heartbeat ACK since the last beat; treating the connection as a zombie")]
    public static partial void Zombie(ILogger logger, string shard, int connectionId);

    [LoggerMessage(2007, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: {What} timed out after {TimeoutMs} ms")]
    public static partial void Timeout(ILogger logger, string shard, int connectionId, string what, long timeoutMs);

    [LoggerMessage(2008, LogLevel.Information, "Gateway shard {Shard} connection {ConnectionId}: Discord asked to reconnect (op 7)")]
    public static partial void ReconnectRequested(ILogger logger, string shard, int connectionId);

    [LoggerMessage(2009, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: invalid session (op 9, resumable: {Resumable})")]
    public static partial void InvalidSession(ILogger logger, string shard, int connectionId, bool resumable);

    [LoggerMessage(2010, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: connection lost ({Reason})")]
    public static partial void ConnectionLost(ILogger logger, string shard, int connectionId, string reason);

    [LoggerMessage(2011, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: unreadable message ignored ({Reason})")]
    public static partial void Unreadable(ILogger logger, string shard, int connectionId, string reason);

    [LoggerMessage(2012, LogLevel.Debug, "Gateway shard {Shard} connection {ConnectionId}: heartbeat {Sequence} sent (requested by Discord: {Requested})")]
    public static partial void HeartbeatSent(ILogger logger, string shard, int connectionId, int? sequence, bool requested);

    [LoggerMessage(2013, LogLevel.Warning, "Gateway shard {Shard}: could not connect ({Reason}); attempt {Failures} failed")]
    public static partial void ConnectFailed(ILogger logger, string shard, string reason, int failures);

    [LoggerMessage(2014, LogLevel.Information, "Gateway shard {Shard}: waiting {DelayMs} ms before reconnecting ({Reason})")]
    public static partial void Waiting(ILogger logger, string shard, long delayMs, string reason);

    [LoggerMessage(2015, LogLevel.Warning, "Gateway: GET /gateway/bot failed ({Reason}); using the cached gateway URL")]
    public static partial void DiscoveryFailed(ILogger logger, string reason);

    [LoggerMessage(2016, LogLevel.Warning, "Gateway: only {Remaining} of {Total} session starts (IDENTIFY) left today; resets in {ResetAfter}")]
    public static partial void IdentifyBudgetLow(ILogger logger, int remaining, int total, TimeSpan resetAfter);

    [LoggerMessage(2017, LogLevel.Information, "Gateway: shutting down; {InFlight} interactions in flight")]
    public static partial void ShuttingDown(ILogger logger, int inFlight);

    [LoggerMessage(2018, LogLevel.Warning, "Gateway: {Remaining} interactions still running after {DrainMs} ms; cancelling them")]
    public static partial void DrainTimedOut(ILogger logger, int remaining, long drainMs);

    [LoggerMessage(2019, LogLevel.Error, "Dispatch handler for {EventName} failed")]
    public static partial void HandlerFailed(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(2020, LogLevel.Debug, "Gateway shard {Shard} connection {ConnectionId}: unexpected op {Op} ignored")]
    public static partial void UnknownOp(ILogger logger, string shard, int connectionId, int op);

    [LoggerMessage(2022, LogLevel.Warning, "Gateway shard {Shard}: resuming failed {Failures} times in a row; starting a new session on the gateway URL")]
    public static partial void ResumeAbandoned(ILogger logger, string shard, int failures);

    [LoggerMessage(2023, LogLevel.Warning, "Gateway: {Capacity} dispatches already wait for a worker; dropping new ones (first: {EventName}) until the queue drains")]
    public static partial void DispatchQueueFull(ILogger logger, int capacity, string eventName);

    [LoggerMessage(2024, LogLevel.Information, "Gateway: dispatch queue accepting again; {Dropped} dispatches were dropped")]
    public static partial void DispatchQueueRecovered(ILogger logger, long dropped);

    [LoggerMessage(2025, LogLevel.Information, "Gateway: running shards {ShardIds} of {ShardCount} (Discord recommends {Recommended}; {MaxConcurrency} may identify at once)")]
    public static partial void ShardsPlanned(ILogger logger, string shardIds, int shardCount, int recommended, int maxConcurrency);

    [LoggerMessage(2026, LogLevel.Error, "Gateway shard {Shard}: stopped for good ({Reason})")]
    public static partial void ShardFailed(ILogger logger, string shard, string reason);

    [LoggerMessage(2027, LogLevel.Error, "Gateway shard {Shard}: not identifying again: {Reason}")]
    public static partial void IdentifyRefused(ILogger logger, string shard, string reason);

    [LoggerMessage(2028, LogLevel.Information, "Gateway: waiting {DelayMs} ms before asking Discord for the gateway again")]
    public static partial void DiscoveryWaiting(ILogger logger, long delayMs);

    [LoggerMessage(2021, LogLevel.Warning, "Gateway shard {Shard} connection {ConnectionId}: READY without a usable session id or resume URL; the next reconnect will identify")]
    public static partial void ReadyWithoutSession(ILogger logger, string shard, int connectionId);
}
