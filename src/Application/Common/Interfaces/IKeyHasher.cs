namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>The one-way lookup hash of a high-entropy key or token (never of a passphrase).</summary>
public interface IKeyHasher
{
    byte[] Hash(string key);

    /// <summary>Compares two hashes in constant time.</summary>
    bool HashesEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);
}
