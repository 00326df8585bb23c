using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// The database. Not sealed: each provider has a small subclass so that it can carry its own migrations
/// (<see cref="SqliteApplicationDbContext"/>, <see cref="PostgresApplicationDbContext"/>).
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options) : DbContext(options), IApplicationDbContext, IDataProtectionKeyContext
{
    /// <summary>
    /// ASP.NET Core's data-protection keys (antiforgery tokens, sign-in cookies), shared by every instance on this
    /// database and stored encrypted under the master key (see <c>MasterKeyXmlEncryptor</c>).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Secret> Secrets => Set<Secret>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<EmailNotification> EmailNotifications => Set<EmailNotification>();

    public DbSet<SecretRequest> SecretRequests => Set<SecretRequest>();

    /// <summary>Through the change tracker by default; the entry is detached once saved.</summary>
    public virtual async Task InsertSecretAsync(Secret secret, CancellationToken cancellationToken)
    {
        var entry = Secrets.Add(secret);
        await SaveChangesAsync(cancellationToken);
        entry.State = EntityState.Detached;
    }

    /// <summary>
    /// EF Core's own error events carry the whole exception; the host's exception handlers already log each failure
    /// once (a database outage as a throttled warning, anything else as an error with its stack trace), so EF's
    /// copies go to Debug, or an outage would write a stack trace per request. Applied where the options are built
    /// (pooled contexts may not change their options in <c>OnConfiguring</c>).
    /// </summary>
    public static void DemoteErrorEvents(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        warnings.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.TransactionError, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryIterationFailed, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
    }
}

/// <summary>The zero-setup database: one SQLite file.</summary>
public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options) : ApplicationDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date type; as UTC ticks, times compare and sort correctly in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

