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

    /// <summary>Keeps a request key readable for the requesting account's list of requests (like a metadata key).</summary>
    byte[] EncryptRequestKey(string requestKey, Guid customerId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptRequestKey(byte[] encryptedRequestKey, Guid customerId);

    /// <summary>A request's note for the sender, under a key derived from the master key and the request.</summary>
    byte[] EncryptRequestNote(string note, Guid requestId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptRequestNote(byte[] encryptedNote, Guid requestId);

    /// <summary>Keeps the creator's short message to the recipient in the outbox until the email is sent, like the address.</summary>
    byte[] EncryptSenderMessage(string message, Guid notificationId);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext cannot be opened.</exception>
    string DecryptSenderMessage(byte[] encryptedMessage, Guid notificationId);

    /// <summary>
    /// A keyed hash of an address (the same address gives the same tag under the same master key), so that the
    /// emails one address received can be counted without storing it.
    /// </summary>
    byte[] RecipientTag(string address);
}
