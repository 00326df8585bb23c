using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneTimeSecret.Application.Common.Telemetry;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// Counts failed connections and commands in <see cref="SecretMetrics"/>, whatever handler ran them. Cancelled
/// commands are not failures. Stateless, so one instance serves every context.
/// </summary>
internal sealed class DatabaseErrorInterceptor : IDbCommandInterceptor, IDbConnectionInterceptor
{
    public static DatabaseErrorInterceptor Instance { get; } = new();

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        SecretMetrics.DatabaseError(DatabaseErrorKind.Command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SecretMetrics.DatabaseError(DatabaseErrorKind.Command);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) =>
        SecretMetrics.DatabaseError(DatabaseErrorKind.Connection);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SecretMetrics.DatabaseError(DatabaseErrorKind.Connection);
        return Task.CompletedTask;
    }
}
