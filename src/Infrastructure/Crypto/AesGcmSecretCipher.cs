using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.Crypto;

/// <summary>
/// AES-256-GCM under keys derived with HKDF-SHA256 from the master key and material the database never holds.
/// Layout: version (1) | master key id (4) | salt (16) | nonce (12) | tag (16) | ciphertext. The header is
/// authenticated as associated data.
/// </summary>
public sealed class AesGcmSecretCipher(MasterKeyRing keyRing) : ISecretCipher
{
    private const byte FormatVersion = 1;
    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + 4 + SaltSize;
    private const int Overhead = HeaderSize + NonceSize + TagSize;

    private static readonly byte[] ValuePurpose = "onetimesecret/value/v1"u8.ToArray();
    private static readonly byte[] SecretKeyPurpose = "onetimesecret/secret-key/v1"u8.ToArray();
    private static readonly byte[] NotePurpose = "onetimesecret/note/v1"u8.ToArray();
    private static readonly byte[] MetadataKeyPurpose = "onetimesecret/metadata-key/v1"u8.ToArray();
    private static readonly byte[] DataProtectionPurpose = "onetimesecret/data-protection-key/v1"u8.ToArray();
    private const string DataProtectionMaterial = "aspnetcore-data-protection";
    private static readonly byte[] RecipientAddressPurpose = "onetimesecret/recipient-address/v1"u8.ToArray();
    private static readonly byte[] ShareLinkPurpose = "onetimesecret/share-link/v1"u8.ToArray();
    private static readonly byte[] RequestKeyPurpose = "onetimesecret/request-key/v1"u8.ToArray();
    private static readonly byte[] RequestNotePurpose = "onetimesecret/request-note/v1"u8.ToArray();
    private static readonly byte[] SenderMessagePurpose = "onetimesecret/sender-message/v1"u8.ToArray();
    private static readonly byte[] RecipientTagPurpose = "onetimesecret/recipient-tag/v1"u8.ToArray();

    /// <summary>Reads the master key id from a ciphertext's header.</summary>
    public static bool TryReadKeyId(ReadOnlySpan<byte> data, out uint keyId)
    {
        if (data.Length < Overhead || data[0] != FormatVersion)
        {
            keyId = 0;
            return false;
        }

        keyId = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(1, 4));
        return true;
    }

    public byte[] EncryptValue(string value, string secretKey, string? passphrase) =>
        Encrypt(value, ValuePurpose, secretKey, passphrase);

    public string DecryptValue(byte[] ciphertext, string secretKey, string? passphrase) =>
        Decrypt(ciphertext, ValuePurpose, secretKey, passphrase);

    public byte[] EncryptSecretKey(string secretKey, string metadataKey) =>
        Encrypt(secretKey, SecretKeyPurpose, metadataKey, null);

    public string DecryptSecretKey(byte[] encryptedSecretKey, string metadataKey) =>
        Decrypt(encryptedSecretKey, SecretKeyPurpose, metadataKey, null);

    /// <summary>Seals one of ASP.NET Core's data-protection keys (XML) under the master key.</summary>
    public byte[] EncryptDataProtectionKey(string xml) => Encrypt(xml, DataProtectionPurpose, DataProtectionMaterial, null);

    public string DecryptDataProtectionKey(byte[] ciphertext) => Decrypt(ciphertext, DataProtectionPurpose, DataProtectionMaterial, null);

    public byte[] EncryptNote(string note, string metadataKey) => Encrypt(note, NotePurpose, metadataKey, null);

    public string DecryptNote(byte[] encryptedNote, string metadataKey) => Decrypt(encryptedNote, NotePurpose, metadataKey, null);

    public byte[] EncryptMetadataKey(string metadataKey, Guid customerId) =>
        Encrypt(metadataKey, MetadataKeyPurpose, customerId.ToString("N"), null);

    public string DecryptMetadataKey(byte[] encryptedMetadataKey, Guid customerId) =>
        Decrypt(encryptedMetadataKey, MetadataKeyPurpose, customerId.ToString("N"), null);

    public byte[] EncryptRecipientAddress(string address, Guid notificationId) =>
        Encrypt(address, RecipientAddressPurpose, notificationId.ToString("N"), null);

    public string DecryptRecipientAddress(byte[] encryptedAddress, Guid notificationId) =>
        Decrypt(encryptedAddress, RecipientAddressPurpose, notificationId.ToString("N"), null);

    public byte[] EncryptShareLink(string shareLink, Guid notificationId) =>
        Encrypt(shareLink, ShareLinkPurpose, notificationId.ToString("N"), null);

    public string DecryptShareLink(byte[] encryptedShareLink, Guid notificationId) =>
        Decrypt(encryptedShareLink, ShareLinkPurpose, notificationId.ToString("N"), null);

    public byte[] EncryptRequestKey(string requestKey, Guid customerId) =>
        Encrypt(requestKey, RequestKeyPurpose, customerId.ToString("N"), null);

    public string DecryptRequestKey(byte[] encryptedRequestKey, Guid customerId) =>
        Decrypt(encryptedRequestKey, RequestKeyPurpose, customerId.ToString("N"), null);

    public byte[] EncryptRequestNote(string note, Guid requestId) =>
        Encrypt(note, RequestNotePurpose, requestId.ToString("N"), null);

    public string DecryptRequestNote(byte[] encryptedNote, Guid requestId) =>
        Decrypt(encryptedNote, RequestNotePurpose, requestId.ToString("N"), null);

    public byte[] EncryptSenderMessage(string message, Guid notificationId) =>
        Encrypt(message, SenderMessagePurpose, notificationId.ToString("N"), null);

    public string DecryptSenderMessage(byte[] encryptedMessage, Guid notificationId) =>
        Decrypt(encryptedMessage, SenderMessagePurpose, notificationId.ToString("N"), null);

    /// <summary>HMAC-SHA256 of the lower-cased address under a key derived from the current master key (no salt: it must repeat).</summary>
    public byte[] RecipientTag(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> key = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, keyRing.CurrentKey, key, ReadOnlySpan<byte>.Empty, RecipientTagPurpose);
        var addressBytes = Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant());
        try
        {
            return HMACSHA256.HashData(key, addressBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(addressBytes);
        }
    }

    private byte[] Encrypt(string plaintext, byte[] purpose, string keyMaterial, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[Overhead + plainBytes.Length];
        output[0] = FormatVersion;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1, 4), keyRing.CurrentKeyId);
        var salt = output.AsSpan(5, SaltSize);
        RandomNumberGenerator.Fill(salt);
        var nonce = output.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        Span<byte> key = stackalloc byte[32];
        DeriveKey(keyRing.CurrentKey, keyMaterial, passphrase, salt, purpose, key);
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(
                nonce,
                plainBytes,
                output.AsSpan(Overhead),
                output.AsSpan(HeaderSize + NonceSize, TagSize),
                output.AsSpan(0, HeaderSize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plainBytes);
        }

        return output;
    }

    private string Decrypt(byte[] data, byte[] purpose, string keyMaterial, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < Overhead || data[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown ciphertext format.");
        }

        var keyId = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(1, 4));
        if (!keyRing.TryGetKey(keyId, out var masterKey))
        {
            throw new CryptographicException($"The master key {keyId:x8} that encrypted this data is not configured.");
        }

        Span<byte> key = stackalloc byte[32];
        DeriveKey(masterKey, keyMaterial, passphrase, data.AsSpan(5, SaltSize), purpose, key);
        var plainBytes = new byte[data.Length - Overhead];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(
                data.AsSpan(HeaderSize, NonceSize),
                data.AsSpan(Overhead),
                data.AsSpan(HeaderSize + NonceSize, TagSize),
                plainBytes,
                data.AsSpan(0, HeaderSize));
            return Encoding.UTF8.GetString(plainBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plainBytes);
        }
    }

    /// <summary>
    /// HKDF-SHA256 with input key material master key | key material | 0x00 | passphrase, a random salt per
    /// ciphertext, and the purpose as info, so each kind of data gets its own key.
    /// </summary>
    private static void DeriveKey(
        ReadOnlySpan<byte> masterKey,
        string keyMaterial,
        string? passphrase,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> purpose,
        Span<byte> output)
    {
        var materialLength = Encoding.UTF8.GetByteCount(keyMaterial);
        var passphraseLength = passphrase is null ? 0 : Encoding.UTF8.GetByteCount(passphrase);
        var ikm = new byte[masterKey.Length + materialLength + 1 + passphraseLength];
        try
        {
            masterKey.CopyTo(ikm);
            Encoding.UTF8.GetBytes(keyMaterial, ikm.AsSpan(masterKey.Length, materialLength));
            ikm[masterKey.Length + materialLength] = passphrase is null ? (byte)0 : (byte)1;
            if (passphrase is not null)
            {
                Encoding.UTF8.GetBytes(passphrase, ikm.AsSpan(masterKey.Length + materialLength + 1));
            }

            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, output, salt, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }
}
