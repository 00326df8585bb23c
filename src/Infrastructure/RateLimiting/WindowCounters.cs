using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Infrastructure.RateLimiting;

/// <summary>A key's count in its current fixed window, and how long that window still runs.</summary>
public readonly record struct WindowCount(long Count, TimeSpan Remaining);

/// <summary>
/// Counts per key in fixed windows: the store behind every budget (request rate limits, failure budgets, passphrase
/// attempts). With <c>RateLimits:Redis</c> all instances share the counts; else, or while Redis cannot be reached,
/// each instance counts alone (<see cref="SharedWindowCounters"/>).
/// </summary>
public interface IWindowCounters
{
    /// <summary>Adds <paramref name="amount"/> to the key's count (a window starts with the first) and answers the new count.</summary>
    WindowCount Add(string key, TimeSpan window, long amount = 1);

    /// <summary>The key's count in its current window, without adding to it.</summary>
    WindowCount Peek(string key, TimeSpan window);
}

/// <summary>The counters of one instance, in memory, on the app's clock.</summary>
public sealed class LocalWindowCounters(TimeProvider clock) : IWindowCounters
{
    /// <summary>Above this many keys, windows that have ended are dropped.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public WindowCount Add(string key, TimeSpan window, long amount = 1)
    {
        if (_windows.Count > PruneAbove)
        {
            Prune();
        }

        var now = clock.GetUtcNow();
        var entry = _windows.GetOrAdd(key, _ => new Window { Ends = now + window });
        lock (entry)
        {
            if (now >= entry.Ends)
            {
                entry.Ends = now + window;
                entry.Count = 0;
            }

            entry.Count += amount;
            return new WindowCount(entry.Count, entry.Ends - now);
        }
    }

    public WindowCount Peek(string key, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        if (!_windows.TryGetValue(key, out var entry))
        {
            return new WindowCount(0, window);
        }

        lock (entry)
        {
            return now >= entry.Ends ? new WindowCount(0, window) : new WindowCount(entry.Count, entry.Ends - now);
        }
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _windows)
        {
            if (entry.Ends <= now)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Ends { get; set; }

        public long Count { get; set; }
    }
}

/// <summary>Where the budgets are counted, from the <c>RateLimits</c> section.</summary>
public sealed class SharedBudgetOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// A StackExchange.Redis connection string (for example <c>redis:6379</c>); when set, every budget is counted in
    /// Redis, so that all instances share it. Unset: each instance counts alone.
    /// </summary>
    public string? Redis { get; set; }
}

/// <summary>Start-up checks of <see cref="SharedBudgetOptions"/>.</summary>
public sealed class SharedBudgetOptionsValidator : IValidateOptions<SharedBudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, SharedBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            _ = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail("RateLimits:Redis is not a valid StackExchange.Redis connection string.");
        }
    }
}
