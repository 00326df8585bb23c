using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Notifications.Common;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>A secret just stored, with the two keys that exist nowhere else from now on.</summary>
public sealed record CreatedSecret(MetadataDto Metadata, string SecretKey, string MetadataKey);

/// <summary>A secret built and encrypted but not stored yet, with its two keys.</summary>
public sealed record PreparedSecret(Secret Secret, string SecretKey, string MetadataKey);

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
    IOptions<SecretOptions> secretOptions,
    IEmailSender emailSender,
    EmailQuota emailQuota)
{
    public const string VerifyAddressFirst =
        "Confirm your email address before sending secrets by email: follow the link we emailed you when you signed up, or send a new one from your account page.";

    public const string NoMailServer =
        "This server cannot email recipients: it has no mail server configured. Share the link yourself instead.";

    public async Task<CreatedSecret> CreateAsync(
        Requester requester,
        string value,
        string? passphrase,
        long? ttlSeconds,
        IReadOnlyList<string> recipients,
        string? shareDomain,
        string? shareUrlBase,
        string? senderMessage,
        string? note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(recipients);

        var limits = planOptions.Value.For(requester.PlanId);
        EnsureWithinSize(value, limits);

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

        byte[][] recipientTags = [];
        if (recipients.Count > 0)
        {
            // Not an open relay: nothing goes out where nothing can be delivered honestly, an account made on the
            // sign-up page must have confirmed its address, and the quotas bound what one account and one inbox get.
            if (emailSender.UnavailableReason is not null)
            {
                throw new ForbiddenException(NoMailServer);
            }

            if (requester.CustomerId is { } sender
                && !await db.Customers.AnyAsync(c => c.Id == sender && c.EmailVerifiedAt != null, cancellationToken))
            {
                throw new ForbiddenException(VerifyAddressFirst);
            }

            recipientTags = recipients.Select(cipher.RecipientTag).ToArray();
            await emailQuota.EnsureAsync(requester.CustomerId, recipientTags, recipients.Count, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var prepared = Prepare(requester, value, passphrase, ttlSeconds, recipients, shareDomain, now, note);
        var secret = prepared.Secret;
        var secretKey = prepared.SecretKey;
        var metadataKey = prepared.MetadataKey;

        if (recipients.Count == 0)
        {
            // The common case takes the insert's fast path; a secret with recipients is saved together with its
            // emails in one transaction below.
            await db.InsertSecretAsync(secret, cancellationToken);
        }
        else
        {
            db.Secrets.Add(secret);
            for (var i = 0; i < recipients.Count; i++)
            {
                var recipient = recipients[i];
                var notificationId = Guid.CreateVersion7(now);
                db.EmailNotifications.Add(EmailNotification.Create(
                    id: notificationId,
                    secretId: secret.Id,
                    obfuscatedAddress: RecipientAddress.Obfuscate(recipient),
                    encryptedAddress: cipher.EncryptRecipientAddress(recipient, notificationId),
                    encryptedShareLink: cipher.EncryptShareLink(SecretLink.Build(shareUrlBase!, secretKey), notificationId),
                    now: now,
                    customerId: requester.CustomerId,
                    recipientTag: recipientTags[i],
                    encryptedMessage: string.IsNullOrWhiteSpace(senderMessage) ? null : cipher.EncryptSenderMessage(senderMessage.Trim(), notificationId)));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (requester.CustomerId is { } customerId)
        {
            await db.Customers
                .Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.SecretsCreated, c => c.SecretsCreated + 1), cancellationToken);
        }

        var metadata = secret.ToMetadataDto(requester.CustId, metadataKey, secretKey, now) with
        {
            Note = SecretInputRules.EffectiveNote(note),
            EmailStatus = recipients.Count > 0 ? NotificationStatus.Pending : null,
        };
        return new CreatedSecret(metadata, secretKey, metadataKey);
    }

    /// <summary>
    /// A new secret of <paramref name="requester"/>, under its plan's size and ttl limits, with fresh keys and the value
    /// encrypted, not yet stored: share and generate store it here, an answered request stores it together with the
    /// request's one-time update.
    /// </summary>
    public PreparedSecret Prepare(
        Requester requester,
        string value,
        string? passphrase,
        long? ttlSeconds,
        IReadOnlyList<string> recipients,
        string? shareDomain,
        DateTimeOffset now,
        string? note = null)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(recipients);
        var limits = planOptions.Value.For(requester.PlanId);
        EnsureWithinSize(value, limits);
        var options = secretOptions.Value;
        var ttl = TtlPolicy.Effective(ttlSeconds, options.DefaultTtlSeconds, options.MinTtlSeconds, limits.MaxTtlSeconds);
        var effectivePassphrase = string.IsNullOrEmpty(passphrase) ? null : passphrase;
        var effectiveNote = SecretInputRules.EffectiveNote(note);
        var secretKey = keyGenerator.NewKey();
        var metadataKey = keyGenerator.NewKey();
        var secret = Secret.Create(
            secretKeyHash: keyHasher.Hash(secretKey),
            metadataKeyHash: keyHasher.Hash(metadataKey),
            encryptedSecretKey: cipher.EncryptSecretKey(secretKey, metadataKey),
            encryptedMetadataKey: requester.CustomerId is { } owner && options.RecoverableMetadataKeys ? cipher.EncryptMetadataKey(metadataKey, owner) : null,
            ciphertext: cipher.EncryptValue(value, secretKey, effectivePassphrase),
            passphraseHash: effectivePassphrase is null ? null : passphraseHasher.Hash(effectivePassphrase),
            customerId: requester.CustomerId,
            ttlSeconds: ttl,
            obfuscatedRecipients: recipients.Select(RecipientAddress.Obfuscate).ToArray(),
            shareDomain: shareDomain ?? string.Empty,
            now: now,
            encryptedNote: effectiveNote is null ? null : cipher.EncryptNote(effectiveNote, metadataKey));
        return new PreparedSecret(secret, secretKey, metadataKey);
    }

    private static void EnsureWithinSize(string value, PlanLimits limits)
    {
        if (CountCharacters(value) > limits.MaxSecretLength)
        {
            throw new SecretTooLargeException(limits.MaxSecretLength);
        }
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
