namespace OneTimeSecret.Domain.Secrets;

/// <summary>
/// How a requested time to live becomes the effective one. Like the reference service, a ttl is never an error:
/// none, no number, or zero and below means the default (the live service: <c>ttl = default if ttl &lt;= 0</c>; a Go
/// client sends <c>ttl=0</c> for "no ttl given"), and anything else outside the allowed range is clamped into it.
/// </summary>
public static class TtlPolicy
{
    public static long Effective(long? requestedSeconds, long defaultSeconds, long minimumSeconds, long planMaximumSeconds)
    {
        var maximum = Math.Max(minimumSeconds, planMaximumSeconds);
        var wanted = requestedSeconds is > 0 ? requestedSeconds.Value : defaultSeconds;
        return Math.Clamp(wanted, minimumSeconds, maximum);
    }
}
