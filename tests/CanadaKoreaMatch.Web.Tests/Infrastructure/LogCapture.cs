using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps every warning and error a test host logs.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> records = new();

    public IReadOnlyList<LogRecord> Records => [.. records];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, records);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}
