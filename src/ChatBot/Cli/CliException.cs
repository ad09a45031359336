namespace ChatBot.Cli;

/// <summary>Bad input to the command line: printed as one line on stderr, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Exit codes of the executable.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but something it checked failed (an eval question, a health check, a fatal Discord error).</summary>
    public const int Failure = 1;

    /// <summary>Bad input or configuration: unknown verb or option, missing file, unreadable database, missing setting.</summary>
    public const int BadInput = 2;
}
