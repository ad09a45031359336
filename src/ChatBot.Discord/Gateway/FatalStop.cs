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
/// Ends the bot when reconnecting cannot help (4004, 4010–4014, no identifies left): one critical line,
/// exit code 1, and the host stops. It never loops (§9.3: a loop burns identifies and gets the token reset).
/// </summary>
internal sealed partial class FatalStop(IHostApplicationLifetime lifetime, ExitCodeSink exitCode, GatewayStatus status, ILogger<FatalStop> logger)
{
    public const int ExitCode = 1;

    public void Stop(string reason)
    {
        Log.Fatal(logger, reason);
        status.Failed(reason);
        exitCode.Set(ExitCode);
        lifetime.StopApplication();
    }

    private static partial class Log
    {
        [LoggerMessage(2099, LogLevel.Critical, "Discord bot stopped: {Reason}")]
        public static partial void Fatal(ILogger logger, string reason);
    }
}
