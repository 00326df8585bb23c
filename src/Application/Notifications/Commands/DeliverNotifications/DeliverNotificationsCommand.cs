using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Notifications.Common;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;

/// <summary>
/// Works off the outbox: sends each due email, retries failures with exponential backoff up to
/// <see cref="EmailDeliveryOptions.MaxAttempts"/>, and, once an email is sent or given up, erases its address and
/// link so that only the obfuscated address and the outcome remain.
/// </summary>
public sealed record DeliverNotificationsCommand : ICommand<DeliveryReport>;

/// <summary>What one run did; never which addresses.</summary>
public sealed record DeliveryReport(int Sent, int Retrying, int Failed, int Cancelled)
{
    public int Handled => Sent + Retrying + Failed + Cancelled;
}

public sealed class DeliverNotificationsCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IEmailSender sender,
    TimeProvider clock,
    IOptions<EmailDeliveryOptions> deliveryOptions,
    IOptions<SiteOptions> siteOptions,
    ILogger<DeliverNotificationsCommandHandler> logger) : ICommandHandler<DeliverNotificationsCommand, DeliveryReport>
{
    private enum Outcome
    {
        NotMine,
        Sent,
        Retrying,
        Failed,
        Cancelled,
    }

    public async ValueTask<DeliveryReport> Handle(DeliverNotificationsCommand command, CancellationToken cancellationToken)
    {
        var settings = deliveryOptions.Value;
        var now = clock.GetUtcNow();
        var due = await db.EmailNotifications
            .AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt)
            .Take(settings.BatchSize)
            .Select(n => new { n.Id, n.Attempts })
            .ToListAsync(cancellationToken);

        var outcomes = new List<Outcome>(due.Count);
        foreach (var notification in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes.Add(await DeliverAsync(notification.Id, notification.Attempts, settings, cancellationToken));
        }

        var report = new DeliveryReport(
            outcomes.Count(o => o == Outcome.Sent),
            outcomes.Count(o => o == Outcome.Retrying),
            outcomes.Count(o => o == Outcome.Failed),
            outcomes.Count(o => o == Outcome.Cancelled));
        if (report.Handled > 0)
        {
            logger.LogInformation(
                "Email outbox: {Sent} sent, {Retrying} to be retried, {Failed} given up, {Cancelled} cancelled",
                report.Sent,
                report.Retrying,
                report.Failed,
                report.Cancelled);
        }

        return report;
    }

    private async Task<Outcome> DeliverAsync(Guid id, int attempts, EmailDeliveryOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // An attempt that started but never finished (the instance died) leaves its count behind: give up here.
        if (attempts >= settings.MaxAttempts)
        {
            return await FinishAsync(id, attempts, NotificationStatus.Failed, null, cancellationToken);
        }

        // The claim: one conditional statement counts the attempt and holds the email for the length of the lease,
        // so that no other run, on this instance or another, sends it meanwhile.
        var leaseUntil = now.AddSeconds(settings.AttemptLeaseSeconds);
        var claimed = await db.EmailNotifications
            .Where(n => n.Id == id
                && n.Status == NotificationStatus.Pending
                && n.Attempts == attempts
                && n.NextAttemptAt <= now)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(n => n.Attempts, attempts + 1)
                    .SetProperty(n => n.NextAttemptAt, leaseUntil)
                    .SetProperty(n => n.UpdatedAt, now),
                cancellationToken);
        if (claimed != 1)
        {
            return Outcome.NotMine;
        }

        var attempt = attempts + 1;
        var row = await db.EmailNotifications
            .AsNoTracking()
            .Where(n => n.Id == id)
            .Select(n => new { n.Kind, n.SecretId, n.EncryptedAddress, n.EncryptedShareLink, n.EncryptedMessage })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            // The email was purged meanwhile.
            return Outcome.NotMine;
        }

        if (row.EncryptedAddress is null || (row.Kind != EmailKind.SignInNotice && row.EncryptedShareLink is null))
        {
            return await FinishAsync(id, attempt, NotificationStatus.Failed, null, cancellationToken);
        }

        string address;
        string? link;
        string? senderMessage;
        try
        {
            address = cipher.DecryptRecipientAddress(row.EncryptedAddress, id);
            link = row.EncryptedShareLink is null ? null : cipher.DecryptShareLink(row.EncryptedShareLink, id);
            senderMessage = row.EncryptedMessage is null ? null : cipher.DecryptSenderMessage(row.EncryptedMessage, id);
        }
        catch (CryptographicException)
        {
            logger.LogError("Email notification {NotificationId} cannot be decrypted (was the master key replaced?); giving it up", id);
            return await FinishAsync(id, attempt, NotificationStatus.Failed, null, cancellationToken);
        }

        var siteName = siteOptions.Value.SiteName;
        Guid? countFor = null;
        EmailMessage message;
        switch (row.Kind)
        {
            case EmailKind.AddressVerification:
                message = AccountEmails.Verification(address, siteName, link!);
                break;
            case EmailKind.SignInNotice:
                message = AccountEmails.SignInNotice(address, siteName, now);
                break;
            case EmailKind.RequestAnswered:
                message = AccountEmails.RequestAnswered(address, siteName, link!);
                break;
            default:
                var secret = row.SecretId is { } secretId
                    ? await db.Secrets
                        .AsNoTracking()
                        .Where(s => s.Id == secretId)
                        .Select(s => new
                        {
                            // The sender line names the account, read from it: secret rows hold only its id.
                            CustId = db.Customers.Where(c => c.Id == s.CustomerId).Select(c => c.CustId).FirstOrDefault(),
                            s.CustomerId,
                            s.SecretExpiresAt,
                            s.PassphraseRequired,
                            Revealable = db.Secrets.Where(Secret.RevealableAt(now)).Any(r => r.Id == s.Id),
                            SenderVerified = db.Customers.Any(c => c.Id == s.CustomerId && c.EmailVerifiedAt != null),
                        })
                        .SingleOrDefaultAsync(cancellationToken)
                    : null;

                // A link to a secret that is already received, burned, expired or purged would only disappoint.
                if (secret is null || !secret.Revealable)
                {
                    return await FinishAsync(id, attempt, NotificationStatus.Cancelled, null, cancellationToken);
                }

                // Only an address the account has confirmed (or the operator vouched for) is named as the sender.
                message = SecretLinkEmail.Compose(
                    address,
                    secret.SenderVerified ? secret.CustId ?? Domain.Customers.Customer.AnonymousCustId : Domain.Customers.Customer.AnonymousCustId,
                    siteName,
                    link!,
                    secret.SecretExpiresAt,
                    secret.PassphraseRequired,
                    now,
                    senderMessage);
                countFor = secret.CustomerId;
                break;
        }

        var (delivery, failure, permanent) = await TrySendAsync(message, cancellationToken);
        if (delivery is not null)
        {
            // Written into the pickup directory is not sent: the creator hears which one it was.
            var outcome = delivery.WasWritten
                ? await FinishAsync(id, attempt, NotificationStatus.Written, delivery.PickupFile, cancellationToken)
                : await FinishAsync(id, attempt, NotificationStatus.Sent, null, cancellationToken);
            if (countFor is { } customerId)
            {
                await db.Customers
                    .Where(c => c.Id == customerId)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.EmailsSent, c => c.EmailsSent + 1), cancellationToken);
            }

            return outcome;
        }

        if (permanent || attempt >= settings.MaxAttempts)
        {
            logger.LogWarning(
                "Email notification {NotificationId} given up after {Attempts} attempt(s): {Reason}",
                id,
                attempt,
                failure);
            return await FinishAsync(id, attempt, NotificationStatus.Failed, null, cancellationToken);
        }

        var retryAt = clock.GetUtcNow() + EmailNotification.RetryDelay(
            attempt,
            TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds),
            TimeSpan.FromSeconds(settings.RetryMaxDelaySeconds));
        await db.EmailNotifications
            .Where(n => n.Id == id && n.Status == NotificationStatus.Pending && n.Attempts == attempt)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(n => n.NextAttemptAt, retryAt)
                    .SetProperty(n => n.UpdatedAt, clock.GetUtcNow()),
                cancellationToken);
        logger.LogInformation(
            "Email notification {NotificationId}: attempt {Attempt} of {MaxAttempts} failed ({Reason}); next attempt at {RetryAt:u}",
            id,
            attempt,
            settings.MaxAttempts,
            failure,
            retryAt);
        return Outcome.Retrying;
    }

    /// <summary>Sends the message; on failure, a reason fit for a log line and whether retrying is pointless.</summary>
    private async Task<(EmailDelivery? Delivery, string? Failure, bool Permanent)> TrySendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return (await sender.SendAsync(message, cancellationToken) ?? EmailDelivery.Sent, null, false);
        }
        catch (EmailDeliveryException exception)
        {
            return (null, exception.Message, exception.IsPermanent);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the type: the message of an unexpected exception might quote the address.
            return (null, exception.GetType().Name, false);
        }
    }

    /// <summary>Records the outcome and erases the address and the link: from now on only the outcome remains.</summary>
    private async Task<Outcome> FinishAsync(Guid id, int attempts, NotificationStatus status, string? pickupFile, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? sentAt = status is NotificationStatus.Sent or NotificationStatus.Written ? now : null;
        var finished = await db.EmailNotifications
            .Where(n => n.Id == id && n.Status == NotificationStatus.Pending && n.Attempts == attempts)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(n => n.Status, status)
                    .SetProperty(n => n.EncryptedAddress, (byte[]?)null)
                    .SetProperty(n => n.EncryptedShareLink, (byte[]?)null)
                    .SetProperty(n => n.EncryptedMessage, (byte[]?)null)
                    .SetProperty(n => n.PickupFile, pickupFile)
                    .SetProperty(n => n.SentAt, sentAt)
                    .SetProperty(n => n.UpdatedAt, now),
                cancellationToken);
        if (finished != 1)
        {
            return Outcome.NotMine;
        }

        return status switch
        {
            NotificationStatus.Sent or NotificationStatus.Written => Outcome.Sent,
            NotificationStatus.Cancelled => Outcome.Cancelled,
            _ => Outcome.Failed,
        };
    }
}
