using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.MasterKeys.Queries.GetMasterKeyUsage;

/// <summary>
/// Which master keys the stored data still needs: for each key id, how many live values, secret keys and metadata
/// keys are encrypted under it, how many data-protection keys (which sign sessions and forms), pending emails
/// (their address, link and sender's message) and requests for a secret (their request key and note), and until
/// when the last of them may be read. A previous key that nothing needs any
/// more can be removed from the configuration.
/// </summary>
public sealed record GetMasterKeyUsageQuery : IQuery<IReadOnlyList<MasterKeyUsage>>;

public enum MasterKeyRole
{
    Current,
    Previous,

    /// <summary>Stored data uses this key but it is not configured: that data can no longer be read.</summary>
    Missing,
}

/// <param name="PreviousIndex">For a previous key, its index in <c>Encryption:PreviousMasterKeys</c>.</param>
/// <param name="NeededUntil">When the last data under this key expires; null when nothing needs it.</param>
public sealed record MasterKeyUsage(
    uint KeyId,
    MasterKeyRole Role,
    int? PreviousIndex,
    int Values,
    int SecretKeys,
    int MetadataKeys,
    int DataProtectionKeys,
    int PendingEmails,
    int Requests,
    DateTimeOffset? NeededUntil)
{
    public bool IsNeeded => Values + SecretKeys + MetadataKeys + DataProtectionKeys + PendingEmails + Requests > 0;
}

public sealed class GetMasterKeyUsageQueryHandler(IApplicationDbContext db, IStoredDataProtectionKeys dataProtectionKeys, IMasterKeys keys, TimeProvider clock)
    : IQueryHandler<GetMasterKeyUsageQuery, IReadOnlyList<MasterKeyUsage>>
{
    public async ValueTask<IReadOnlyList<MasterKeyUsage>> Handle(GetMasterKeyUsageQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tally = new Dictionary<uint, Tally>();
        Tally For(uint keyId) => tally.TryGetValue(keyId, out var found) ? found : tally[keyId] = new Tally();

        // Metadata past its expiry is never shown again (and the purge erases it), so it needs no key.
        var rows = db.Secrets
            .AsNoTracking()
            .Where(s => s.MetadataExpiresAt > now)
            .Select(s => new { s.Ciphertext, s.SecretExpiresAt, s.EncryptedSecretKey, s.EncryptedMetadataKey, s.EncryptedNote, s.MetadataExpiresAt })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Ciphertext is not null && row.SecretExpiresAt > now && keys.KeyIdOf(row.Ciphertext) is { } valueKey)
            {
                For(valueKey).AddValue(row.SecretExpiresAt);
            }

            if (keys.KeyIdOf(row.EncryptedSecretKey) is { } secretKeyKey)
            {
                For(secretKeyKey).AddSecretKey(row.MetadataExpiresAt);
            }

            if (keys.KeyIdOf(row.EncryptedMetadataKey) is { } metadataKeyKey)
            {
                For(metadataKeyKey).AddMetadataKey(row.MetadataExpiresAt);
            }

            // The creator's note is read with the metadata key for as long as the metadata lives: a master key that
            // encrypted one is needed as long as a metadata key it encrypted would be, and counts the same way.
            if (row.EncryptedNote is not null && keys.KeyIdOf(row.EncryptedNote) is { } noteKey)
            {
                For(noteKey).AddMetadataKey(row.MetadataExpiresAt);
            }
        }

        // A pending email holds its address, link and sender's message until it is sent or given up (an account's
        // own email, such as the sign-in notice, has no link), and is given up once its secret cannot be revealed any
        // more.
        var emails = db.EmailNotifications
            .AsNoTracking()
            .Where(n => n.EncryptedAddress != null || n.EncryptedShareLink != null || n.EncryptedMessage != null)
            .Select(n => new
            {
                n.EncryptedAddress,
                n.EncryptedShareLink,
                n.EncryptedMessage,
                Until = db.Secrets.Where(s => s.Id == n.SecretId).Select(s => (DateTimeOffset?)s.SecretExpiresAt).FirstOrDefault(),
            })
            .AsAsyncEnumerable();
        await foreach (var email in emails.WithCancellation(cancellationToken))
        {
            var keyIds = new[] { keys.KeyIdOf(email.EncryptedAddress), keys.KeyIdOf(email.EncryptedShareLink), keys.KeyIdOf(email.EncryptedMessage) };
            foreach (var keyId in keyIds.OfType<uint>().Distinct())
            {
                For(keyId).AddPendingEmail(email.Until);
            }
        }

        // A request keeps its key (for the requester's list) and its note until the purge deletes it.
        var requests = db.SecretRequests
            .AsNoTracking()
            .Where(r => r.RetainUntil > now)
            .Select(r => new { r.EncryptedRequestKey, r.EncryptedNote, r.RetainUntil })
            .AsAsyncEnumerable();
        await foreach (var request in requests.WithCancellation(cancellationToken))
        {
            foreach (var keyId in new[] { keys.KeyIdOf(request.EncryptedRequestKey), keys.KeyIdOf(request.EncryptedNote) }.OfType<uint>().Distinct())
            {
                For(keyId).AddRequest(request.RetainUntil);
            }
        }

        // The framework keeps data-protection keys (it never deletes them); each one is needed until re-encrypted.
        foreach (var stored in await dataProtectionKeys.ListAsync(cancellationToken))
        {
            if (keys.KeyIdOf(stored.Ciphertext) is { } keyId)
            {
                For(keyId).AddDataProtectionKey(stored.ExpiresAt);
            }
        }

        var result = new List<MasterKeyUsage> { Usage(keys.CurrentKeyId, MasterKeyRole.Current, null, For(keys.CurrentKeyId)) };
        for (var i = 0; i < keys.PreviousKeyIds.Count; i++)
        {
            var keyId = keys.PreviousKeyIds[i];
            if (result.All(u => u.KeyId != keyId))
            {
                result.Add(Usage(keyId, MasterKeyRole.Previous, i, For(keyId)));
            }
        }

        foreach (var (keyId, counts) in tally.OrderBy(t => t.Key))
        {
            if (result.All(u => u.KeyId != keyId))
            {
                result.Add(Usage(keyId, MasterKeyRole.Missing, null, counts));
            }
        }

        return result;
    }

    private static MasterKeyUsage Usage(uint keyId, MasterKeyRole role, int? previousIndex, Tally counts) =>
        new(keyId, role, previousIndex, counts.Values, counts.SecretKeys, counts.MetadataKeys, counts.DataProtectionKeys, counts.PendingEmails, counts.Requests, counts.NeededUntil);

    private sealed class Tally
    {
        public int Values { get; private set; }

        public int SecretKeys { get; private set; }

        public int MetadataKeys { get; private set; }

        public int DataProtectionKeys { get; private set; }

        public int PendingEmails { get; private set; }

        public int Requests { get; private set; }

        public DateTimeOffset? NeededUntil { get; private set; }

        public void AddDataProtectionKey(DateTimeOffset? expires)
        {
            DataProtectionKeys++;
            if (expires is { } until)
            {
                Extend(until);
            }
        }

        public void AddPendingEmail(DateTimeOffset? until)
        {
            PendingEmails++;
            if (until is { } secretExpires)
            {
                Extend(secretExpires);
            }
        }

        public void AddRequest(DateTimeOffset until)
        {
            Requests++;
            Extend(until);
        }

        public void AddValue(DateTimeOffset until)
        {
            Values++;
            Extend(until);
        }

        public void AddSecretKey(DateTimeOffset until)
        {
            SecretKeys++;
            Extend(until);
        }

        public void AddMetadataKey(DateTimeOffset until)
        {
            MetadataKeys++;
            Extend(until);
        }

        private void Extend(DateTimeOffset until)
        {
            if (NeededUntil is null || until > NeededUntil)
            {
                NeededUntil = until;
            }
        }
    }
}
