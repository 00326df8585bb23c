namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Whose budget a request spends: an authenticated account's own, or else its client address (the real one behind
/// a known proxy, see <c>ForwardedHeaders:KnownProxies</c>).
/// </summary>
public static class ClientPartition
{
    public static string For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return $"account:{name}";
        }

        return $"address:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
    }
}
