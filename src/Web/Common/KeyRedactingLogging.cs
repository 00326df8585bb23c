using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Every logger of the process, the framework's included (hosting diagnostics, routing, redirect results at Debug
/// and Trace), writes through <see cref="RequestLogging.RedactText"/>: messages, structured values and scopes have
/// their keys cut short before any provider (console, journal, a collector) sees them. Configuration can raise a
/// log level; it cannot turn this off.
/// </summary>
public static class KeyRedactingLogging
{
    /// <summary>Replaces the logger factory with one whose loggers redact keys. Call after the providers are added.</summary>
    public static IServiceCollection AddKeyRedactingLogging(this IServiceCollection services)
    {
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new RedactingLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()))));
        return services;
    }

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(new RedactedState<TState>(state, null));

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            inner.Log(logLevel, eventId, new RedactedState<TState>(state, formatter), exception, static (redacted, error) => redacted.Format(error));
        }
    }

    /// <summary>A log state whose text and values are redacted copies of the original's.</summary>
    private sealed class RedactedState<TState>(TState state, Func<TState, Exception?, string>? formatter) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private IReadOnlyList<KeyValuePair<string, object?>>? _values;

        private IReadOnlyList<KeyValuePair<string, object?>> Values => _values ??= state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? [.. pairs.Select(pair => new KeyValuePair<string, object?>(pair.Key, Redact(pair.Value)))]
            : [];

        public int Count => Values.Count;

        public KeyValuePair<string, object?> this[int index] => Values[index];

        public string Format(Exception? exception) =>
            RequestLogging.RedactText(formatter is null ? state?.ToString() : formatter(state, exception));

        public override string ToString() => Format(null);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        // Numbers, times and the like keep their type (a collector may index them); anything that renders as text
        // (strings, paths, URIs, route values) is redacted text.
        private static object? Redact(object? value) => value switch
        {
            null or bool or int or long or double or decimal or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
            string text => RequestLogging.RedactText(text),
            _ => RequestLogging.RedactText(value.ToString()),
        };
    }
}
