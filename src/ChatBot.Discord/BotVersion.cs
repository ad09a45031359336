using System.Reflection;

namespace ChatBot.Discord;

/// <summary>The bot's version as built (Directory.Build.props <c>Version</c>), without the source-revision suffix.</summary>
internal static class BotVersion
{
    public static string Number { get; } = Read();

    private static string Read()
    {
        var informational = typeof(BotVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? typeof(BotVersion).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
