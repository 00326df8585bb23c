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

    /// <summary>The creator's private note, under a key derived from the metadata key (like the secret key).</summary>
    byte[] EncryptNote(string note, string metadataKey);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptNote(byte[] encryptedNote, string metadataKey);

    /// <summary>Keeps an account's metadata key readable for that account's list of recent secrets.</summary>
    byte[] EncryptMetadataKey(string metadataKey, Guid customerId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptMetadataKey(byte[] encryptedMetadataKey, Guid customerId);

    /// <summary>
    /// Keeps a recipient's address in the outbox until the email is sent, under a key derived from the master key
    /// and the notification, so that a dump without the master key does not reveal it.
    /// </summary>
    byte[] EncryptRecipientAddress(string address, Guid notificationId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptRecipientAddress(byte[] encryptedAddress, Guid notificationId);

    /// <summary>Keeps the link to the secret in the outbox until the email is sent, like the address.</summary>
    byte[] EncryptShareLink(string shareLink, Guid notificationId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptShareLink(byte[] encryptedShareLink, Guid notificationId);
}
