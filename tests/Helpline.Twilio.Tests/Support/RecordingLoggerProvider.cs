using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Helpline.Twilio.Tests.Support;

/// <summary>An in-memory log sink: tests read what was logged, e.g. to prove no phone number leaks.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> entries = new();

    public IReadOnlyList<LoggedEntry> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, entries);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new SingleProviderFactory(this));

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LoggedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LoggedEntry(category, logLevel, formatter(state, exception), exception));
    }

    private sealed class SingleProviderFactory(ILoggerProvider provider) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}

public sealed record LoggedEntry(string Category, LogLevel Level, string Message, Exception? Exception);
