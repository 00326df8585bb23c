using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>
/// bcrypt with the input first hashed with SHA-384 (BCrypt.Net's "enhanced" mode), so passphrases longer than
/// bcrypt's 72-byte limit are not silently truncated.
/// </summary>
public sealed class BCryptPassphraseHasher(IOptions<EncryptionOptions> options) : IPassphraseHasher
{
    private const BCrypt.Net.HashType PreHash = BCrypt.Net.HashType.SHA384;

    public string Hash(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return BCrypt.Net.BCrypt.EnhancedHashPassword(passphrase, PreHash, options.Value.BcryptWorkFactor);
    }

    public bool Verify(string passphrase, string hash)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(hash);
        try
        {
            return BCrypt.Net.BCrypt.EnhancedVerify(passphrase, hash, PreHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }
}
