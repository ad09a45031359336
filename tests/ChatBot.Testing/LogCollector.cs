using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Testing;

/// <summary>One captured log line: its level, event id, formatted message and exception text.</summary>
public sealed record LogLine(LogLevel Level, EventId EventId, string Category, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {EventId.Id} {Category}: {Message}{(Exception is null ? "" : " | " + Exception)}";
}

/// <summary>A logger provider that keeps every line, so tests can assert what was (and was never) logged.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>All text ever logged, messages and exceptions, for "never contains" checks.</summary>
    public string AllText() => string.Join('\n', lines.Select(l => l.ToString()));

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.lines.Enqueue(new LogLine(logLevel, eventId, category, formatter(state, exception), exception?.ToString()));
    }
}
