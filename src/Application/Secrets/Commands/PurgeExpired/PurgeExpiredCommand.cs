using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Commands.PurgeExpired;

/// <summary>
/// Erases the values of secrets past their expiry (they become <c>expired</c>) and deletes metadata past its own
/// expiry, with the emails that belong to it. Works in bounded batches so that no statement holds locks for long,
/// and on one instance at a time.
/// </summary>
public sealed record PurgeExpiredCommand : ICommand<PurgeReport>;

/// <param name="Ran">False when another instance was purging, so this one did nothing.</param>
/// <param name="RequestsDeleted">Requests for a secret deleted: expired, cancelled, or answered and past their secret's metadata.</param>
public sealed record PurgeReport(bool Ran, int SecretsExpired, int MetadataDeleted, int RequestsDeleted = 0)
{
    public static PurgeReport Skipped { get; } = new(false, 0, 0);
}

public sealed class PurgeExpiredCommandHandler(
    IApplicationDbContext db,
    IDistributedLock distributedLock,
    IErasureCompaction compaction,
    IEmailSender emailSender,
    TimeProvider clock,
    IOptions<PurgeOptions> options,
    ILogger<PurgeExpiredCommandHandler> logger) : ICommandHandler<PurgeExpiredCommand, PurgeReport>
{
    public const string LockName = "onetimesecret/purge";

    public async ValueTask<PurgeReport> Handle(PurgeExpiredCommand command, CancellationToken cancellationToken)
    {
        await using var held = await distributedLock.TryAcquireAsync(LockName, cancellationToken);
        if (held is null)
        {
            logger.LogDebug("Purge skipped: another instance is purging");
            return PurgeReport.Skipped;
        }

        var batchSize = options.Value.BatchSize;
        var now = clock.GetUtcNow();

        // The value goes at the secret's expiry; what is left is the creator's receipt, which says "expired".
        // The update repeats the conditions on the rows themselves, so that a row revealed or burned while this
        // batch was chosen keeps its state (PostgreSQL re-checks them after waiting for the row).
        var expired = 0;
        while (true)
        {
            var ids = await db.Secrets
                .Where(Secret.DueForExpiryAt(now))
                .OrderBy(s => s.SecretExpiresAt)
                .Select(s => s.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (ids.Count > 0)
            {
                expired += await db.Secrets
                    .Where(s => ids.Contains(s.Id))
                    .Where(Secret.DueForExpiryAt(now))
                    .EraseIntoAsync(SecretState.Expired, now, cancellationToken);
            }

            if (ids.Count < batchSize)
            {
                break;
            }
        }

        // Without a mail server an email is an .eml file holding a live link: it goes as soon as the link is dead
        // (the secret received, burned or expired), or its receipt is gone.
        while (true)
        {
            var written = await db.EmailNotifications
                .Where(n => n.PickupFile != null
                    && (n.SecretId == null || !db.Secrets.Where(Secret.RevealableAt(now)).Any(s => s.Id == n.SecretId)))
                .Select(n => new { n.Id, n.PickupFile })
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var file in written)
            {
                emailSender.DeletePickupFile(file.PickupFile!);
            }

            if (written.Count > 0)
            {
                var ids = written.Select(w => w.Id).ToList();
                await db.EmailNotifications
                    .Where(n => ids.Contains(n.Id))
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.PickupFile, (string?)null), cancellationToken);
            }

            if (written.Count < batchSize)
            {
                break;
            }
        }

        // The receipt goes at its own expiry, whatever happened to the secret. Its emails lose the secret (and
        // whatever they still held) and stay, finished, for the email quotas' window; then they go too.
        var deleted = 0;
        while (true)
        {
            var ids = await db.Secrets
                .Where(s => s.MetadataExpiresAt <= now)
                .OrderBy(s => s.MetadataExpiresAt)
                .Select(s => s.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (ids.Count > 0)
            {
                await db.EmailNotifications
                    .Where(n => n.SecretId != null && ids.Contains(n.SecretId.Value))
                    .ExecuteUpdateAsync(
                        set => set
                            .SetProperty(n => n.SecretId, (Guid?)null)
                            .SetProperty(n => n.Status, n => n.Status == NotificationStatus.Pending ? NotificationStatus.Cancelled : n.Status)
                            .SetProperty(n => n.EncryptedAddress, (byte[]?)null)
                            .SetProperty(n => n.EncryptedShareLink, (byte[]?)null)
                            .SetProperty(n => n.EncryptedMessage, (byte[]?)null)
                            .SetProperty(n => n.UpdatedAt, now),
                        cancellationToken);
                deleted += await db.Secrets
                    .Where(s => ids.Contains(s.Id) && s.MetadataExpiresAt <= now)
                    .ExecuteDeleteAsync(cancellationToken);
            }

            if (ids.Count < batchSize)
            {
                break;
            }
        }

        // Requests go when nobody can answer them any more (expired, cancelled) or with their answered secret's receipt;
        // an encrypted note goes with its row.
        var requestsDeleted = 0;
        while (true)
        {
            var ids = await db.SecretRequests
                .Where(SecretRequest.DueForPurgeAt(now))
                .OrderBy(r => r.RetainUntil)
                .Select(r => r.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (ids.Count > 0)
            {
                requestsDeleted += await db.SecretRequests
                    .Where(r => ids.Contains(r.Id))
                    .Where(SecretRequest.DueForPurgeAt(now))
                    .ExecuteDeleteAsync(cancellationToken);
            }

            if (ids.Count < batchSize)
            {
                break;
            }
        }

        var quotaWindowStart = now - EmailQuotaOptions.LongestWindow;
        await db.EmailNotifications
            .Where(n => n.SecretId == null
                && n.Status != NotificationStatus.Pending
                && n.PickupFile == null
                && n.CreatedAt <= quotaWindowStart)
            .ExecuteDeleteAsync(cancellationToken);

        // Reveals and burns since the last run, and this run's own erasures, still sit in the engine's log or old row
        // versions; compacting makes them unrecoverable from the database's files (docs/self-hosting.md).
        await compaction.CompactAsync(cancellationToken);

        if (expired > 0 || deleted > 0 || requestsDeleted > 0)
        {
            logger.LogInformation(
                "Purge: {SecretsExpired} secret(s) expired, {MetadataDeleted} metadata record(s) deleted, {RequestsDeleted} request(s) deleted",
                expired,
                deleted,
                requestsDeleted);
        }

        return new PurgeReport(true, expired, deleted, requestsDeleted);
    }
}
