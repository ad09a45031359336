using ChatBot.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Cli;

/// <summary>Options every verb accepts; they override the configuration keys they name.</summary>
public sealed record GlobalOptions(string? SourcesPath, string? DatabasePath);

/// <summary>
/// Builds the generic host every verb runs in: configuration from appsettings.json and the environment
/// (<c>Section__Key</c>), the command line's overrides, logging, and the services.
/// </summary>
public static class CliHost
{
    public static HostApplicationBuilder CreateBuilder(GlobalOptions global, bool logToStandardError)
    {
        ArgumentNullException.ThrowIfNull(global);
        // appsettings.json is read once: nothing re-reads options, and reloading on change would watch the whole
        // content root (the current directory) and every folder under it, woken by every file written there.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["hostBuilder:reloadConfigOnChange"] = "false" });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            Configuration = configuration,
        });

        // Defaults under everything else (appsettings.json, the environment): one line per log event with a UTC
        // timestamp; Logging__Console__FormatterName=json switches to JSON.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = "simple",
                ["Logging:Console:FormatterOptions:SingleLine"] = "true",
                ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
                ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
            },
        });

        var overrides = new Dictionary<string, string?>();
        if (global.SourcesPath is not null)
        {
            overrides["Index:SourcesPath"] = global.SourcesPath;
        }

        if (global.DatabasePath is not null)
        {
            overrides["Index:DatabasePath"] = global.DatabasePath;
        }

        if (logToStandardError)
        {
            // A verb reports its own results; only warnings and errors are logged, and to stderr.
            overrides["Logging:LogLevel:Default"] = "Warning";
            overrides["Logging:LogLevel:Microsoft"] = "Warning";

            // Except the progress line of a search index being rebuilt from the store, which can take a while.
            overrides["Logging:LogLevel:ChatBot.Search.Indexing.SearchIndexSync"] = "Information";
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        if (logToStandardError)
        {
            // Verbs print their results on stdout; logs must not mix into JSON output.
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Services.AddPassageIndex(builder.Configuration);
        return builder;
    }

    /// <summary>"Index:SourcesPath: The SourcesPath field is required." from a validation failure.</summary>
    public static string Describe(OptionsValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var section = exception.OptionsType.GetField("Section")?.GetValue(null) as string ?? exception.OptionsType.Name;
        var failure = exception.Failures.FirstOrDefault() ?? exception.Message;
        const string prefix = "DataAnnotation validation failed for ";
        if (failure.StartsWith(prefix, StringComparison.Ordinal))
        {
            // "... members: 'Token' with the error: 'The Token field is required.'."
            var member = Between(failure, "members: '", "'");
            var error = Between(failure, "with the error: '", "'.");
            if (member is not null && error is not null)
            {
                var where = member.Contains("Token", StringComparison.Ordinal)
                    ? $"set the environment variable {section}__{member}; secrets never go in appsettings.json"
                    : $"set the environment variable {section}__{member} or the key in appsettings.json";
                return $"configuration: {section}:{member}: {error} ({where})";
            }
        }

        return $"configuration: {section}: {failure}";
    }

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
        {
            return null;
        }

        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? null : text[from..to];
    }
}
