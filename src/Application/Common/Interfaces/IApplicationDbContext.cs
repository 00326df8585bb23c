using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Requests;
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

    /// <summary>Accounts' requests for a secret.</summary>
    DbSet<SecretRequest> SecretRequests { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new secret at once, as a unit of work of its own; the secret is not tracked afterwards. A provider may
    /// send the INSERT directly instead of going through the change tracker (docs/decisions/0008).
    /// </summary>
    Task InsertSecretAsync(Secret secret, CancellationToken cancellationToken);
}
