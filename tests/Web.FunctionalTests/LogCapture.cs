using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OneTimeSecret.Web.FunctionalTests;

/// <summary>
/// Every log line every test app writes (at debug level and above, with exceptions and structured values), and the
/// sensitive values the tests sent or received, so that the logs of a whole run can be searched for them.
/// </summary>
public static class LogCapture
{
    private static readonly ConcurrentQueue<string> Lines = new();
    private static readonly ConcurrentDictionary<string, byte> Sensitive = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> AllLines => Lines;

    public static IReadOnlyCollection<string> SensitiveValues => (IReadOnlyCollection<string>)Sensitive.Keys;

    /// <summary>Remembers a value that must never be logged (values shorter than 10 characters are too common to search).</summary>
    public static void AddSensitive(string? value)
    {
        if (value is { Length: >= 10 })
        {
            Sensitive.TryAdd(value, 0);
        }
    }

    public static void Add(string line) => Lines.Enqueue(line);

    /// <summary>The captured lines that contain <paramref name="value"/>.</summary>
    public static IEnumerable<string> LinesContaining(string value) =>
        Lines.Where(line => line.Contains(value, StringComparison.Ordinal));
}

public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            LogCapture.Add($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>After every functional test has run, no captured log line may hold a value the tests marked sensitive.</summary>
[SetUpFixture]
public sealed class LogScan
{
    [OneTimeTearDown]
    public void ShouldFindNoSensitiveValueInTheLogsOfTheWholeRun()
    {
        Assert.That(LogCapture.AllLines, Is.Not.Empty, "the test apps must have logged through the capture");
        var leaks = LogCapture.SensitiveValues
            .SelectMany(value => LogCapture.LinesContaining(value).Take(1).Select(line => $"{value} in: {line}"))
            .Take(5)
            .ToList();
        Assert.That(leaks, Is.Empty, string.Join(Environment.NewLine, leaks));
    }
}
