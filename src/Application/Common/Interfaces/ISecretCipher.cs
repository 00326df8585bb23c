namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// Encrypts what must not be readable from a database dump. The value's key depends on the secret key and the
/// passphrase, which the database never holds; the secret key is kept for the creator under the metadata key.
/// </summary>
public interface ISecretCipher
{
    byte[] EncryptValue(string value, string secretKey, string? passphrase);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptValue(byte[] ciphertext, string secretKey, string? passphrase);

    byte[] EncryptSecretKey(string secretKey, string metadataKey);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptSecretKey(byte[] encryptedSecretKey, string metadataKey);

    /// <summary>Keeps an account's metadata key readable for that account's list of recent secrets.</summary>
    byte[] EncryptMetadataKey(string metadataKey, Guid customerId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptMetadataKey(byte[] encryptedMetadataKey, Guid customerId);
}
