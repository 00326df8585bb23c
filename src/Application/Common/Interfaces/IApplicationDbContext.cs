using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>The application's view of the database: its tables and a unit of work.</summary>
public interface IApplicationDbContext
{
    DbSet<Secret> Secrets { get; }

    DbSet<Customer> Customers { get; }

    DbSet<ApiToken> ApiTokens { get; }

    /// <summary>The outbox of emails to recipients.</summary>
    DbSet<EmailNotification> EmailNotifications { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new secret at once, as a unit of work of its own; the secret is not tracked afterwards. A provider may
    /// send the INSERT directly instead of going through the change tracker (docs/decisions/0008).
    /// </summary>
    Task InsertSecretAsync(Secret secret, CancellationToken cancellationToken);

    /// <summary>
    /// Where the database can do it in one statement, claims the secret with this key hash if it is unread, unexpired
    /// and has no passphrase: erases its ciphertext, marks it received at <paramref name="now"/> and returns what was
    /// erased. <c>null</c> when nothing was claimed (no such secret, it needs a passphrase, or the provider has no
    /// single-statement claim); the caller then takes the general path. See docs/decisions/0008.
    /// </summary>
    Task<ClaimedSecret?> TryClaimUnprotectedSecretAsync(byte[] secretKeyHash, DateTimeOffset now, CancellationToken cancellationToken);
}
