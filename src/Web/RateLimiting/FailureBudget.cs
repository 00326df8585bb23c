using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Infrastructure.RateLimiting;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Failures per key in a fixed window, in the shared counters (all instances together with <c>RateLimits:Redis</c>):
/// while a key's budget is spent the caller does not even try (no password or token is checked). Only failures count,
/// so success never locks out.
/// </summary>
public abstract class FailureBudget(IOptions<RateLimitingOptions> options, IWindowCounters counters)
{
    /// <summary>The budget that applies, from <see cref="RateLimitingOptions"/>.</summary>
    protected abstract RateLimitBudget Budget(RateLimitingOptions settings);

    /// <summary>The counters' key prefix of this budget.</summary>
    protected abstract string Name { get; }

    /// <summary>Whether the key's failures are used up; then <paramref name="retryAfter"/> says for how long.</summary>
    public bool IsSpent(string? key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!options.Value.Enabled || key is null)
        {
            return false;
        }

        var budget = Budget(options.Value);
        var count = counters.Peek(CounterKey(key), TimeSpan.FromSeconds(budget.WindowSeconds));
        if (count.Count < budget.PermitLimit)
        {
            return false;
        }

        retryAfter = count.Remaining;
        return true;
    }

    /// <summary>Counts a failure; true when this one used up the key's budget.</summary>
    public bool RecordFailure(string? key)
    {
        if (!options.Value.Enabled || key is null)
        {
            return false;
        }

        var budget = Budget(options.Value);
        return counters.Add(CounterKey(key), TimeSpan.FromSeconds(budget.WindowSeconds)).Count == budget.PermitLimit;
    }

    private string CounterKey(string key) => $"{Name}|{key}";
}
