using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CanadaKoreaMatch.Web.Tests.Infrastructure;

/// <summary>
/// Keeps the exceptions the test hosts log, by the trace id their problem documents carry, so that a test that meets an
/// unexpected 500 reports the server's exception rather than only "An error occurred".
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private static readonly ConcurrentDictionary<string, string> ByTrace = new();

    public static string? For(string traceId) => ByTrace.TryGetValue(traceId, out var error) ? error : null;

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && Activity.Current?.Id is { } trace)
            {
                ByTrace.AddOrUpdate(trace, _ => $"{category}: {exception}", (_, earlier) => $"{earlier}\n{category}: {exception}");
            }
        }
    }
}
