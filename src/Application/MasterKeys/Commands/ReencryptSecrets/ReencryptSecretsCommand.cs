using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Application.MasterKeys.Commands.ReencryptSecrets;

/// <summary>
/// After a master key rotation, re-encrypts under the current key what the server can open without its users:
/// the data of account secrets. An account's metadata key is encrypted under the master key and the account id, so
/// it opens the secret key, which opens a value without a passphrase. Anonymous secrets (no stored metadata key) and
/// values behind a passphrase cannot be re-encrypted by design: they keep their old key until they expire. The
/// data-protection keys, the pending emails' addresses, links and sender's messages, and the requests' keys and
/// notes are re-encrypted too.
/// </summary>
public sealed record ReencryptSecretsCommand(int BatchSize = 200) : ICommand<ReencryptionResult>;

/// <param name="Rows">Account secrets that had something under an older key.</param>
/// <param name="ValuesWithPassphrase">Values left under an older key because only their passphrase opens them.</param>
/// <param name="Unreadable">Rows whose data could not be opened (its master key is not configured any more).</param>
public sealed record ReencryptionResult(
    int Rows, int Values, int SecretKeys, int MetadataKeys, int ValuesWithPassphrase, int Unreadable, int DataProtectionKeys, int PendingEmails, int Requests);

public sealed class ReencryptSecretsCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IMasterKeys keys,
    IStoredDataProtectionKeys dataProtectionKeys,
    TimeProvider clock,
    ILogger<ReencryptSecretsCommandHandler> logger) : ICommandHandler<ReencryptSecretsCommand, ReencryptionResult>
{
    public async ValueTask<ReencryptionResult> Handle(ReencryptSecretsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(command.BatchSize);
        var now = clock.GetUtcNow();
        var ids = await db.Secrets
            .AsNoTracking()
            .Where(s => s.MetadataExpiresAt > now && s.CustomerId != null && s.EncryptedMetadataKey != null)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);

        var tally = new Tally();
        foreach (var batch in ids.Chunk(command.BatchSize))
        {
            var rows = await db.Secrets
                .AsNoTracking()
                .Where(s => batch.Contains(s.Id))
                .Select(s => new StoredRow(s.Id, s.CustomerId!.Value, s.EncryptedMetadataKey!, s.EncryptedSecretKey, s.EncryptedNote, s.Ciphertext, s.PassphraseHash != null))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await ReencryptAsync(row, tally, cancellationToken);
            }
        }

        var emails = await ReencryptPendingEmailsAsync(tally, cancellationToken);
        var requests = await ReencryptRequestsAsync(now, tally, cancellationToken);
        var protectionKeys = await dataProtectionKeys.ReencryptAsync(cancellationToken);
        tally.Unreadable += protectionKeys.Unreadable;

        if (tally.Unreadable > 0)
        {
            logger.LogWarning("{Count} stored item(s) could not be re-encrypted: their master key is not configured", tally.Unreadable);
        }

        return new ReencryptionResult(
            tally.Rows, tally.Values, tally.SecretKeys, tally.MetadataKeys, tally.ValuesWithPassphrase, tally.Unreadable, protectionKeys.Reencrypted, emails, requests);
    }

    /// <summary>
    /// The address, link and sender's message of each email not sent yet (an account's own email may have no link),
    /// under the current key; answers how many emails moved.
    /// </summary>
    private async Task<int> ReencryptPendingEmailsAsync(Tally tally, CancellationToken cancellationToken)
    {
        var pending = await db.EmailNotifications
            .AsNoTracking()
            .Where(n => n.EncryptedAddress != null || n.EncryptedShareLink != null || n.EncryptedMessage != null)
            .Select(n => new { n.Id, n.EncryptedAddress, n.EncryptedShareLink, n.EncryptedMessage })
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var email in pending.Where(e => IsOld(e.EncryptedAddress) || IsOld(e.EncryptedShareLink) || IsOld(e.EncryptedMessage)))
        {
            byte[]? address;
            byte[]? link;
            byte[]? message;
            try
            {
                address = email.EncryptedAddress is null
                    ? null
                    : cipher.EncryptRecipientAddress(cipher.DecryptRecipientAddress(email.EncryptedAddress, email.Id), email.Id);
                link = email.EncryptedShareLink is null
                    ? null
                    : cipher.EncryptShareLink(cipher.DecryptShareLink(email.EncryptedShareLink, email.Id), email.Id);
                message = email.EncryptedMessage is null
                    ? null
                    : cipher.EncryptSenderMessage(cipher.DecryptSenderMessage(email.EncryptedMessage, email.Id), email.Id);
            }
            catch (CryptographicException)
            {
                tally.Unreadable++;
                continue;
            }

            // Only while the payload is the one read: an email sent (and its payload erased) meanwhile stays so.
            moved += await db.EmailNotifications
                .Where(n => n.Id == email.Id
                    && n.EncryptedAddress == email.EncryptedAddress
                    && n.EncryptedShareLink == email.EncryptedShareLink
                    && n.EncryptedMessage == email.EncryptedMessage)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(n => n.EncryptedAddress, address)
                        .SetProperty(n => n.EncryptedShareLink, link)
                        .SetProperty(n => n.EncryptedMessage, message),
                    cancellationToken);
        }

        return moved;
    }

    /// <summary>
    /// The request key (encrypted for the requester's list) and the note of each request the purge has not deleted
    /// yet, under the current key; answers how many requests moved.
    /// </summary>
    private async Task<int> ReencryptRequestsAsync(DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        var stored = await db.SecretRequests
            .AsNoTracking()
            .Where(r => r.RetainUntil > now)
            .Select(r => new { r.Id, r.CustomerId, r.EncryptedRequestKey, r.EncryptedNote })
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var request in stored.Where(r => IsOld(r.EncryptedRequestKey) || IsOld(r.EncryptedNote)))
        {
            byte[] requestKey;
            byte[]? note;
            try
            {
                requestKey = cipher.EncryptRequestKey(cipher.DecryptRequestKey(request.EncryptedRequestKey, request.CustomerId), request.CustomerId);
                note = request.EncryptedNote is null
                    ? null
                    : cipher.EncryptRequestNote(cipher.DecryptRequestNote(request.EncryptedNote, request.Id), request.Id);
            }
            catch (CryptographicException)
            {
                tally.Unreadable++;
                continue;
            }

            // Both columns never change after creation; the row may only have been purged meanwhile.
            moved += await db.SecretRequests
                .Where(r => r.Id == request.Id && r.EncryptedRequestKey == request.EncryptedRequestKey && r.EncryptedNote == request.EncryptedNote)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.EncryptedRequestKey, requestKey).SetProperty(r => r.EncryptedNote, note), cancellationToken);
        }

        return moved;
    }

    /// <summary>Whether a stored ciphertext is under another key than the current one (null holds nothing).</summary>
    private bool IsOld(byte[]? ciphertext) => ciphertext is not null && keys.KeyIdOf(ciphertext) != keys.CurrentKeyId;

    private async Task ReencryptAsync(StoredRow row, Tally tally, CancellationToken cancellationToken)
    {
        var current = keys.CurrentKeyId;
        var metadataKeyIsOld = keys.KeyIdOf(row.EncryptedMetadataKey) != current;
        // A received secret's key was erased with its value: nothing to re-encrypt.
        var hasSecretKey = row.EncryptedSecretKey.Length > 0;
        var secretKeyIsOld = hasSecretKey && keys.KeyIdOf(row.EncryptedSecretKey) != current;
        var valueIsOld = row.Ciphertext is not null && keys.KeyIdOf(row.Ciphertext) != current;
        var noteIsOld = row.EncryptedNote is not null && keys.KeyIdOf(row.EncryptedNote) != current;
        if (!metadataKeyIsOld && !secretKeyIsOld && !valueIsOld && !noteIsOld)
        {
            return;
        }

        tally.Rows++;
        string metadataKey;
        string secretKey;
        string? note;
        try
        {
            metadataKey = cipher.DecryptMetadataKey(row.EncryptedMetadataKey, row.CustomerId);
            secretKey = hasSecretKey ? cipher.DecryptSecretKey(row.EncryptedSecretKey, metadataKey) : string.Empty;
            note = noteIsOld ? cipher.DecryptNote(row.EncryptedNote!, metadataKey) : null;
        }
        catch (CryptographicException)
        {
            tally.Unreadable++;
            return;
        }

        if (metadataKeyIsOld || secretKeyIsOld || noteIsOld)
        {
            var newMetadataKey = metadataKeyIsOld ? cipher.EncryptMetadataKey(metadataKey, row.CustomerId) : row.EncryptedMetadataKey;
            var newSecretKey = secretKeyIsOld ? cipher.EncryptSecretKey(secretKey, metadataKey) : row.EncryptedSecretKey;

            // The creator's note lives as long as the metadata and is read with the metadata key: it moves with it.
            var newNote = noteIsOld ? cipher.EncryptNote(note!, metadataKey) : row.EncryptedNote;

            // These columns never change after creation (a reveal empties only the secret key, which the condition
            // then no longer matches); the row may only have been purged or revealed meanwhile.
            var updated = await db.Secrets
                .Where(s => s.Id == row.Id && s.EncryptedMetadataKey == row.EncryptedMetadataKey && s.EncryptedSecretKey == row.EncryptedSecretKey)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(s => s.EncryptedMetadataKey, newMetadataKey)
                        .SetProperty(s => s.EncryptedSecretKey, newSecretKey)
                        .SetProperty(s => s.EncryptedNote, newNote),
                    cancellationToken);
            if (updated == 1)
            {
                tally.MetadataKeys += metadataKeyIsOld ? 1 : 0;
                tally.SecretKeys += secretKeyIsOld ? 1 : 0;
            }
        }

        if (!valueIsOld)
        {
            return;
        }

        if (row.HasPassphrase)
        {
            tally.ValuesWithPassphrase++;
            return;
        }

        string value;
        try
        {
            value = cipher.DecryptValue(row.Ciphertext!, secretKey, null);
        }
        catch (CryptographicException)
        {
            tally.Unreadable++;
            return;
        }

        // Only while the stored ciphertext is still the one read: a reveal or burn that erased it meanwhile wins,
        // and a reveal that read the old ciphertext still opens it with the previous key.
        var newCiphertext = cipher.EncryptValue(value, secretKey, null);
        var replaced = await db.Secrets
            .Where(s => s.Id == row.Id && s.Ciphertext == row.Ciphertext)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Ciphertext, newCiphertext), cancellationToken);
        tally.Values += replaced;
    }

    private sealed record StoredRow(Guid Id, Guid CustomerId, byte[] EncryptedMetadataKey, byte[] EncryptedSecretKey, byte[]? EncryptedNote, byte[]? Ciphertext, bool HasPassphrase);

    private sealed class Tally
    {
        public int Rows { get; set; }

        public int Values { get; set; }

        public int SecretKeys { get; set; }

        public int MetadataKeys { get; set; }

        public int ValuesWithPassphrase { get; set; }

        public int Unreadable { get; set; }
    }
}
