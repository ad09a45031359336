using ChatBot.Testing;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests.Support;

/// <summary>Typed loggers over a <see cref="LogCollector"/>, for the classes a test builds by hand.</summary>
internal static class LogCollectorExtensions
{
    public static ILogger<T> CreateLogger<T>(this LogCollector logs) => new Typed<T>(logs.CreateLogger(typeof(T).FullName!));

    private sealed class Typed<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
