using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Gateway;

/// <summary>Sets the process exit code; a seam so tests in one process do not set each other's.</summary>
internal sealed class ExitCodeSink(Action<int> set)
{
    public static ExitCodeSink Process { get; } = new(code => Environment.ExitCode = code);

    public void Set(int code) => set(code);
}

/// <summary>
/// Ends the bot when reconnecting cannot help (4004, 4012, refused intents, every shard stopped for good, a rejected
/// token, no identifies left): one critical
/// line, exit code 1, and the host stops. It never loops: a loop burns the 1000 IDENTIFYs a day, and Discord then resets the token (https://discord.com/developers/docs/events/gateway#identifying).
/// When the cause is the token or the intents, it is also recorded (<see cref="IFatalCloseRecord"/>), so that a
/// restart by a container's restart policy stops again at once instead of spending another IDENTIFY.
/// </summary>
internal sealed partial class FatalStop(
    IHostApplicationLifetime lifetime,
    ExitCodeSink exitCode,
    GatewayStatus status,
    IFatalCloseRecord record,
    TimeProvider time,
    ILogger<FatalStop> logger)
{
    public const int ExitCode = 1;

    private int stopped;

    /// <summary>True once the bot has been stopped for good.</summary>
    public bool HasStopped => Volatile.Read(ref stopped) == 1;

    /// <summary>Stops the bot for good; only the first call of a process logs (shards may fail together).</summary>
    public void Stop(string reason)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        Log.Fatal(logger, reason);
        status.Failed(reason);
        exitCode.Set(ExitCode);
        lifetime.StopApplication();
    }

    /// <summary>Stops, and records why for the next start with the same token.</summary>
    public void StopAndRecord(string reason, int? closeCode, string token) => Stop(Record(reason, closeCode, token));

    /// <summary>
    /// Records why the next start with the same token must stop at once, without stopping yet (shards that hold a
    /// session may run on); returns the line to log when the bot does stop.
    /// </summary>
    public string Record(string reason, int? closeCode, string token)
    {
        var line = record.Location is { } where
            ? $"{reason}. Recorded in {where}: a restart with this token stops at once; fix the token or the intents, then restart"
            : reason;
        try
        {
            record.Write(new FatalClose(closeCode, time.GetUtcNow(), FatalClose.HashOf(token), line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.NotRecorded(logger, e.Message);
        }

        return line;
    }

    /// <summary>
    /// At start: the recorded line when the last run stopped for good with this same token (so this one stops
    /// too, before any request); null otherwise. A record for another token is cleared: the operator changed it.
    /// </summary>
    public string? Recorded(string token)
    {
        FatalClose? last;
        try
        {
            last = record.Read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.NotRead(logger, e.Message);
            return null;
        }

        if (last is null)
        {
            return null;
        }

        if (string.Equals(last.TokenSha256, FatalClose.HashOf(token), StringComparison.Ordinal))
        {
            return last.Reason;
        }

        try
        {
            record.Clear();
            Log.Cleared(logger, last.CloseCode, last.At);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.NotRecorded(logger, e.Message);
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(2099, LogLevel.Critical, "Discord bot stopped: {Reason}")]
        public static partial void Fatal(ILogger logger, string reason);

        [LoggerMessage(2097, LogLevel.Warning, "The fatal close could not be recorded ({Reason}); a restart will try Discord again")]
        public static partial void NotRecorded(ILogger logger, string reason);

        [LoggerMessage(2098, LogLevel.Warning, "The record of the last fatal close could not be read ({Reason}); connecting")]
        public static partial void NotRead(ILogger logger, string reason);

        [LoggerMessage(2096, LogLevel.Information, "The token changed since Discord closed the gateway with {CloseCode} at {At:u}; that record is cleared")]
        public static partial void Cleared(ILogger logger, int? closeCode, DateTimeOffset at);
    }
}
