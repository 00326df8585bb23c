using Microsoft.Extensions.Logging;

namespace OneTimeSecret.Application.UnitTests.TestSupport;

/// <summary>A logger that keeps what it was given, to check what would be written (and what would not).</summary>
public sealed class RecordingLogger<T>(LogLevel minimumLevel = LogLevel.Trace) : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => p.Value?.ToString() ?? string.Empty).ToList()
            : [];
        _entries.Add(new LogEntry(logLevel, formatter(state, exception), exception, values));
    }
}

/// <param name="Values">The structured values of the message, as text.</param>
public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, IReadOnlyList<string> Values)
{
    /// <summary>Whether <paramref name="text"/> appears in the message or any of its values.</summary>
    public bool Mentions(string text) =>
        Message.Contains(text, StringComparison.Ordinal) || Values.Any(v => v.Contains(text, StringComparison.Ordinal));
}
