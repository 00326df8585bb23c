using System.Net;
using System.Net.Sockets;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>
/// Whose budget a request spends: an authenticated account's own, or else its client address (the real one behind
/// a known proxy, see <c>ForwardedHeaders:KnownProxies</c>). An IPv6 client is its /64 network: one subscriber is
/// usually given a whole /64, so budgets per single IPv6 address would be endless.
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

        return ForAddress(context.Connection.RemoteIpAddress);
    }

    /// <summary>The partition of a client address, whoever is signed in: an IPv4 address whole, an IPv6 one by /64.</summary>
    public static string ForAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"address:{address}";
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"address:{new IPAddress(bytes)}/64";
    }
}
