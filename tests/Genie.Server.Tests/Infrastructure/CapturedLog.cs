using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every entry at every level, to assert on what Genie logs (how often, at which level,
/// with or without an exception, inside which scopes). Add it to an in-process app as an <see cref="ILoggerProvider"/>,
/// or create loggers from it directly (those see no scopes: scopes come from a logger factory).
/// </summary>
public sealed class CapturedLog : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>One entry; <see cref="Scope"/> holds the fields of every scope open when it was written (inner ones win).</summary>
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public IReadOnlyDictionary<string, object?> Scope { get; init; } = new Dictionary<string, object?>();
    }

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private Dictionary<string, object?> OpenScopes()
    {
        var fields = new Dictionary<string, object?>();
        _scopes?.ForEachScope((scope, into) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    into[key] = value;
                }
            }
        }, fields);
        return fields;
    }

    private sealed class Logger(string category, CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => log._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception) { Scope = log.OpenScopes() });
    }
}
