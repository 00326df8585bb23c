using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.DataProtection;

/// <summary>
/// Reads and rewrites the master-key envelope (<see cref="MasterKeyXmlEncryptor"/>) of the data-protection keys in
/// the database. Only the envelope changes: the key inside, and so every cookie and token it signed, stays the same.
/// </summary>
internal sealed class StoredDataProtectionKeys(ApplicationDbContext db, AesGcmSecretCipher cipher, IMasterKeys keys) : IStoredDataProtectionKeys
{
    public async Task<IReadOnlyList<StoredDataProtectionKey>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken);
        return [.. rows.Select(xml => Parse(xml) is { } key ? new StoredDataProtectionKey(Envelope(key)?.Value is { } value ? Convert.FromBase64String(value) : null, ExpiresAt(key)) : new StoredDataProtectionKey(null, null))];
    }

    public async Task<DataProtectionKeysReencrypted> ReencryptAsync(CancellationToken cancellationToken)
    {
        var reencrypted = 0;
        var unreadable = 0;
        var rows = await db.DataProtectionKeys.ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (Parse(row.Xml) is not { } key || Envelope(key) is not { } value)
            {
                continue;
            }

            var ciphertext = Convert.FromBase64String(value.Value);
            if (keys.KeyIdOf(ciphertext) is not { } keyId || keyId == keys.CurrentKeyId)
            {
                continue;
            }

            try
            {
                value.Value = Convert.ToBase64String(cipher.EncryptDataProtectionKey(cipher.DecryptDataProtectionKey(ciphertext)));
            }
            catch (CryptographicException)
            {
                unreadable++;
                continue;
            }

            row.Xml = key.ToString(SaveOptions.DisableFormatting);
            reencrypted++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DataProtectionKeysReencrypted(reencrypted, unreadable);
    }

    private static XElement? Parse(string? xml) => string.IsNullOrEmpty(xml) ? null : XElement.Parse(xml);

    private static XElement? Envelope(XElement key) =>
        key.Descendants(MasterKeyXmlEncryptor.ElementName).Select(e => e.Element("value")).FirstOrDefault(v => v is not null);

    private static DateTimeOffset? ExpiresAt(XElement key) =>
        DateTimeOffset.TryParse(key.Element("expirationDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires) ? expires : null;
}
