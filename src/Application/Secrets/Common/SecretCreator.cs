using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>A secret just stored, with the two keys that exist nowhere else from now on.</summary>
public sealed record CreatedSecret(MetadataDto Metadata, string SecretKey, string MetadataKey);

/// <summary>
/// Stores a new secret for share and generate: plan limits, ttl, keys, encryption, and one insert that also puts an
/// email for each recipient into the outbox, so that a secret and its emails are stored together or not at all.
/// </summary>
public sealed class SecretCreator(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IKeyHasher keyHasher,
    IKeyGenerator keyGenerator,
    IPassphraseHasher passphraseHasher,
    TimeProvider clock,
    IOptions<PlanOptions> planOptions,
    IOptions<SecretOptions> secretOptions)
{
    public async Task<CreatedSecret> CreateAsync(
        Requester requester,
        string value,
        string? passphrase,
        long? ttlSeconds,
        IReadOnlyList<string> recipients,
        string? shareDomain,
        string? shareUrlBase,
        string? note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(recipients);

        var limits = planOptions.Value.For(requester.PlanId);
        if (CountCharacters(value) > limits.MaxSecretLength)
        {
            throw new SecretTooLargeException(limits.MaxSecretLength);
        }

        // Like the live service: an anonymous caller cannot make this server email anyone (unless the operator allows it).
        if (recipients.Count > 0 && !SecretInputRules.MaySendEmails(requester, secretOptions.Value))
        {
            throw new ForbiddenException(SecretInputRules.AccountRequiredForEmails);
        }

        if (recipients.Count > limits.MaxRecipients)
        {
            throw new ForbiddenException(limits.MaxRecipients == 0
                ? "Your plan does not allow sending secrets by email"
                : $"Your plan allows at most {limits.MaxRecipients} recipient(s) per secret");
        }

        if (recipients.Count > 0 && string.IsNullOrWhiteSpace(shareUrlBase))
        {
            throw new InvalidOperationException("A share URL base is needed to email a link to recipients.");
        }

        var options = secretOptions.Value;
        var ttl = TtlPolicy.Effective(ttlSeconds, options.DefaultTtlSeconds, options.MinTtlSeconds, limits.MaxTtlSeconds);
        var effectivePassphrase = string.IsNullOrEmpty(passphrase) ? null : passphrase;
        var effectiveNote = SecretInputRules.EffectiveNote(note);
        var now = clock.GetUtcNow();

        var secretKey = keyGenerator.NewKey();
        var metadataKey = keyGenerator.NewKey();
        var secret = Secret.Create(
            secretKeyHash: keyHasher.Hash(secretKey),
            metadataKeyHash: keyHasher.Hash(metadataKey),
            encryptedSecretKey: cipher.EncryptSecretKey(secretKey, metadataKey),
            encryptedMetadataKey: requester.CustomerId is { } owner ? cipher.EncryptMetadataKey(metadataKey, owner) : null,
            ciphertext: cipher.EncryptValue(value, secretKey, effectivePassphrase),
            passphraseHash: effectivePassphrase is null ? null : passphraseHasher.Hash(effectivePassphrase),
            custId: requester.CustId,
            customerId: requester.CustomerId,
            ttlSeconds: ttl,
            obfuscatedRecipients: recipients.Select(RecipientAddress.Obfuscate).ToArray(),
            shareDomain: shareDomain ?? string.Empty,
            now: now,
            encryptedNote: effectiveNote is null ? null : cipher.EncryptNote(effectiveNote, metadataKey));

        if (recipients.Count == 0)
        {
            // The common case takes the insert's fast path; a secret with recipients is saved together with its
            // emails in one transaction below.
            await db.InsertSecretAsync(secret, cancellationToken);
        }
        else
        {
            db.Secrets.Add(secret);
            foreach (var recipient in recipients)
            {
                var notificationId = Guid.CreateVersion7(now);
                db.EmailNotifications.Add(EmailNotification.Create(
                    id: notificationId,
                    secretId: secret.Id,
                    obfuscatedAddress: RecipientAddress.Obfuscate(recipient),
                    encryptedAddress: cipher.EncryptRecipientAddress(recipient, notificationId),
                    encryptedShareLink: cipher.EncryptShareLink(SecretLink.Build(shareUrlBase!, secretKey), notificationId),
                    now: now));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (requester.CustomerId is { } customerId)
        {
            await db.Customers
                .Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.SecretsCreated, c => c.SecretsCreated + 1), cancellationToken);
        }

        var metadata = secret.ToMetadataDto(metadataKey, secretKey, now) with
        {
            Note = effectiveNote,
            EmailStatus = recipients.Count > 0 ? NotificationStatus.Pending : null,
        };
        return new CreatedSecret(metadata, secretKey, metadataKey);
    }

    private static int CountCharacters(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
