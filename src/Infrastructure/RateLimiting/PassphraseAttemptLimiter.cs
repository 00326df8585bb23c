using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Infrastructure.RateLimiting;

/// <summary>The per-client budget of passphrase checks, in memory per instance (<see cref="PassphraseAttemptOptions"/>).</summary>
public sealed class PassphraseAttemptLimiter : IPassphraseAttemptLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly bool _enabled;

    public PassphraseAttemptLimiter(IOptions<PassphraseAttemptOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _enabled = settings.Enabled;
        var budget = settings.PassphraseAttempts;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(
            client,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = budget.PermitLimit,
                Window = TimeSpan.FromSeconds(budget.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool TryAcquire(string clientId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_enabled)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(clientId);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
