using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Failures per key in a fixed window, in memory per instance, on the app's clock: while a key's budget is spent the
/// caller does not even try (no password or token is checked). Only failures count, so success never locks out.
/// </summary>
public abstract class FailureBudget(IOptions<RateLimitingOptions> options, TimeProvider clock)
{
    /// <summary>Above this many tracked keys, windows that have ended are dropped.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, FailureWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>The budget that applies, from <see cref="RateLimitingOptions"/>.</summary>
    protected abstract RateLimitBudget Budget(RateLimitingOptions settings);

    /// <summary>Whether the key's failures are used up; then <paramref name="retryAfter"/> says for how long.</summary>
    public bool IsSpent(string? key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!options.Value.Enabled || key is null || !_windows.TryGetValue(key, out var window))
        {
            return false;
        }

        var budget = Budget(options.Value);
        lock (window)
        {
            var ends = window.Start + TimeSpan.FromSeconds(budget.WindowSeconds);
            var now = clock.GetUtcNow();
            if (now >= ends || window.Failures < budget.PermitLimit)
            {
                return false;
            }

            retryAfter = ends - now;
            return true;
        }
    }

    /// <summary>Counts a failure; true when this one used up the key's budget.</summary>
    public bool RecordFailure(string? key)
    {
        if (!options.Value.Enabled || key is null)
        {
            return false;
        }

        if (_windows.Count > PruneAbove)
        {
            Prune();
        }

        var budget = Budget(options.Value);
        var now = clock.GetUtcNow();
        var window = _windows.GetOrAdd(key, _ => new FailureWindow { Start = now });
        lock (window)
        {
            if (now >= window.Start + TimeSpan.FromSeconds(budget.WindowSeconds))
            {
                window.Start = now;
                window.Failures = 0;
            }

            window.Failures++;
            return window.Failures == budget.PermitLimit;
        }
    }

    private void Prune()
    {
        var oldest = clock.GetUtcNow() - TimeSpan.FromSeconds(Budget(options.Value).WindowSeconds);
        foreach (var (key, window) in _windows)
        {
            if (window.Start < oldest)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class FailureWindow
    {
        public DateTimeOffset Start { get; set; }

        public int Failures { get; set; }
    }
}
