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
            return await FinishAsync(id, attempts, NotificationStatus.Failed, cancellationToken);
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
        var revealable = Secret.RevealableAt(now);
        var row = await db.EmailNotifications
            .AsNoTracking()
            .Where(n => n.Id == id)
            .Join(
                db.Secrets.AsNoTracking(),
                n => n.SecretId,
                s => s.Id,
                (n, s) => new
                {
                    n.EncryptedAddress,
                    n.EncryptedShareLink,
                    // The sender line names the account, read from it: secret rows hold only its id.
                    CustId = db.Customers.Where(c => c.Id == s.CustomerId).Select(c => c.CustId).FirstOrDefault(),
                    s.CustomerId,
                    s.SecretExpiresAt,
                    s.PassphraseRequired,
                    Revealable = db.Secrets.Where(revealable).Any(r => r.Id == s.Id),
                })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            // The secret and, with it, this email were purged meanwhile.
            return Outcome.NotMine;
        }

        // A link to a secret that is already received, burned or expired would only disappoint.
        if (!row.Revealable)
        {
            return await FinishAsync(id, attempt, NotificationStatus.Cancelled, cancellationToken);
        }

        if (row.EncryptedAddress is null || row.EncryptedShareLink is null)
        {
            return await FinishAsync(id, attempt, NotificationStatus.Failed, cancellationToken);
        }

        string address;
        string link;
        try
        {
            address = cipher.DecryptRecipientAddress(row.EncryptedAddress, id);
            link = cipher.DecryptShareLink(row.EncryptedShareLink, id);
        }
        catch (CryptographicException)
        {
            logger.LogError("Email notification {NotificationId} cannot be decrypted (was the master key replaced?); giving it up", id);
            return await FinishAsync(id, attempt, NotificationStatus.Failed, cancellationToken);
        }

        var message = SecretLinkEmail.Compose(
            address,
            row.CustId ?? Customer.AnonymousCustId,
            siteOptions.Value.SiteName,
            link,
            row.SecretExpiresAt,
            row.PassphraseRequired,
            now);

        var (failure, permanent) = await TrySendAsync(message, cancellationToken);
        if (failure is null)
        {
            var outcome = await FinishAsync(id, attempt, NotificationStatus.Sent, cancellationToken);
            if (row.CustomerId is { } customerId)
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
            return await FinishAsync(id, attempt, NotificationStatus.Failed, cancellationToken);
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
    private async Task<(string? Failure, bool Permanent)> TrySendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message, cancellationToken);
            return (null, false);
        }
        catch (EmailDeliveryException exception)
        {
            return (exception.Message, exception.IsPermanent);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only the type: the message of an unexpected exception might quote the address.
            return (exception.GetType().Name, false);
        }
    }

    /// <summary>Records the outcome and erases the address and the link: from now on only the outcome remains.</summary>
    private async Task<Outcome> FinishAsync(Guid id, int attempts, NotificationStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? sentAt = status == NotificationStatus.Sent ? now : null;
        var finished = await db.EmailNotifications
            .Where(n => n.Id == id && n.Status == NotificationStatus.Pending && n.Attempts == attempts)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(n => n.Status, status)
                    .SetProperty(n => n.EncryptedAddress, (byte[]?)null)
                    .SetProperty(n => n.EncryptedShareLink, (byte[]?)null)
                    .SetProperty(n => n.SentAt, sentAt)
                    .SetProperty(n => n.UpdatedAt, now),
                cancellationToken);
        if (finished != 1)
        {
            return Outcome.NotMine;
        }

        return status switch
        {
            NotificationStatus.Sent => Outcome.Sent,
            NotificationStatus.Cancelled => Outcome.Cancelled,
            _ => Outcome.Failed,
        };
    }
}
