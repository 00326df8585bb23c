using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Infrastructure.RateLimiting;

/// <summary>
/// The per-client budget of passphrase checks (<see cref="PassphraseAttemptOptions"/>), counted in the shared
/// counters (all instances together when <c>RateLimits:Redis</c> is set).
/// </summary>
public sealed class PassphraseAttemptLimiter(IOptions<PassphraseAttemptOptions> options, IWindowCounters counters) : IPassphraseAttemptLimiter
{
    private const string KeyPrefix = "passphrase|";

    public bool TryAcquire(string clientId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return true;
        }

        var budget = settings.PassphraseAttempts;
        var count = counters.Add(KeyPrefix + clientId, TimeSpan.FromSeconds(budget.WindowSeconds));
        if (count.Count <= budget.PermitLimit)
        {
            return true;
        }

        retryAfter = count.Remaining;
        return false;
    }
}
