using System.Security.Cryptography;
using System.Text;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>
/// SHA-256 lookup hashes of keys and API tokens. They carry about 160 bits of randomness, so a fast hash is enough
/// and a database dump still does not reveal them.
/// </summary>
public sealed class Sha256KeyHasher : IKeyHasher
{
    public byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    public bool HashesEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);
}
