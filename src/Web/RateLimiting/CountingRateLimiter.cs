using System.Threading.RateLimiting;
using OneTimeSecret.Infrastructure.RateLimiting;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// A fixed-window limiter of one partition (one budget of one client) whose counts live in the shared counters, so
/// that with <c>RateLimits:Redis</c> every instance spends the same budget. A refused request still counts, as in a
/// plain fixed window; the lease says when the window ends.
/// </summary>
public sealed class CountingRateLimiter(IWindowCounters counters, string key, int permitLimit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private long _lastUsedTicks = clock.GetTimestamp();

    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Interlocked.Exchange(ref _lastUsedTicks, clock.GetTimestamp());
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        var count = counters.Add(key, window, permitCount);
        return count.Count <= permitLimit ? Lease.Granted : new Lease(count.Remaining);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
