namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// ASP.NET Core's data-protection keys (they sign session cookies, antiforgery tokens and the pages' one-time
/// notices), stored in the database encrypted under the master key, as master-key rotation sees them.
/// </summary>
public interface IStoredDataProtectionKeys
{
    /// <summary>Each stored key's master-key ciphertext (null when the row holds none) and its expiry.</summary>
    Task<IReadOnlyList<StoredDataProtectionKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Re-encrypts under the current master key every stored key that is under another one.</summary>
    Task<DataProtectionKeysReencrypted> ReencryptAsync(CancellationToken cancellationToken);
}

public sealed record StoredDataProtectionKey(byte[]? Ciphertext, DateTimeOffset? ExpiresAt);

/// <param name="Unreadable">Keys whose master key is not configured any more.</param>
public sealed record DataProtectionKeysReencrypted(int Reencrypted, int Unreadable);
