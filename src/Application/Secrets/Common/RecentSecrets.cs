using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>An account's recent secrets, newest first, never with a secret key (the list must not collect links).</summary>
internal static class RecentSecrets
{
    public static async Task<IReadOnlyList<MetadataDto>> ListAsync(
        IApplicationDbContext db,
        ISecretCipher cipher,
        Guid customerId,
        string custId,
        DateTimeOffset now,
        int limit,
        CancellationToken cancellationToken)
    {
        var secrets = await db.Secrets
            .AsNoTracking()
            .Where(s => s.CustomerId == customerId && s.MetadataExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var emailStatuses = await EmailStatusLookup.ForAsync(db, secrets, cancellationToken);
        return secrets
            .Select(s => s.ToMetadataDto(
                custId,
                metadataKey: s.EncryptedMetadataKey is null ? string.Empty : cipher.DecryptMetadataKey(s.EncryptedMetadataKey, customerId),
                secretKey: null,
                now).WithNote(s, cipher) with
            {
                EmailStatus = emailStatuses.TryGetValue(s.Id, out var status) ? status : null,
            })
            .ToList();
    }
}
