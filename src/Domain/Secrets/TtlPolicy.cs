namespace OneTimeSecret.Domain.Secrets;

/// <summary>
/// How a requested time to live becomes the effective one. Like the reference service, a ttl is never an error:
/// none (or no number) means the default, anything outside the allowed range is clamped into it.
/// </summary>
public static class TtlPolicy
{
    public static long Effective(long? requestedSeconds, long defaultSeconds, long minimumSeconds, long planMaximumSeconds)
    {
        var maximum = Math.Max(minimumSeconds, planMaximumSeconds);
        var wanted = requestedSeconds ?? defaultSeconds;
        return Math.Clamp(wanted, minimumSeconds, maximum);
    }
}
