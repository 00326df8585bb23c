using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// The one-time answer of a request (docs/decisions/0015-requests-answered-once.md): the request's conditional UPDATE
/// and the secret's INSERT in one transaction. The UPDATE repeats <see cref="SecretRequest.AnswerableAt"/> on the row
/// itself: on PostgreSQL a concurrent answer waits for the row lock the winner holds and then re-checks the condition
/// on the committed row (READ COMMITTED re-evaluation), finds it answered and updates nothing; SQLite runs one writer
/// at a time. Whoever updates no row rolls back, so a losing answer stores nothing.
/// </summary>
public sealed class SecretRequestAnswers(ApplicationDbContext db) : ISecretRequestAnswers
{
    public async Task<bool> TryAnswerAsync(Guid requestId, Secret secret, EmailNotification? email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var answered = await db.SecretRequests
            .Where(r => r.Id == requestId)
            .Where(SecretRequest.AnswerableAt(now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.State, SecretRequestState.Answered)
                    .SetProperty(r => r.AnsweredAt, now)
                    .SetProperty(r => r.UpdatedAt, now)
                    .SetProperty(r => r.SecretId, secret.Id)
                    .SetProperty(r => r.RetainUntil, secret.MetadataExpiresAt),
                cancellationToken);
        if (answered != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await db.InsertSecretAsync(secret, cancellationToken);
        if (secret.CustomerId is { } customerId)
        {
            await db.Customers
                .Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.SecretsCreated, c => c.SecretsCreated + 1), cancellationToken);
        }

        if (email is not null)
        {
            db.EmailNotifications.Add(email);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
