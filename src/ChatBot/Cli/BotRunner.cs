using ChatBot.Discord;
using ChatBot.Health;
using ChatBot.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Cli;

/// <summary>Runs the Discord bot until SIGTERM or Ctrl+C, or until a fatal Discord error stops it.</summary>
public static class BotRunner
{
    public static async Task<int> RunAsync(GlobalOptions global, CancellationToken cancellationToken)
    {
        var builder = CliHost.CreateBuilder(global, logToStandardError: false);
        // The status file first: hosted services stop in reverse order, so its last write follows the gateway's stop.
        // The fatal-close record lives next to it, so a restart after a rejected token or intents stops at once.
        builder.Services.AddBotStatusFile().AddFatalCloseRecord().AddDiscordBot(builder.Configuration).AddPrometheusMetrics(builder.Configuration);

        // Room for the gateway to finish the interactions in flight (up to 10 s) and close for good.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        using var host = builder.Build();

        // Validate settings before the host starts, so a missing token is one line from us rather than the
        // host's "failed to start" log with a stack trace.
        host.Services.GetService<IStartupValidator>()?.Validate();
        await host.RunAsync(cancellationToken);

        // The gateway sets a non-zero exit code before it stops the host on a fatal close (4004, 4010-4014).
        return Environment.ExitCode;
    }
}
