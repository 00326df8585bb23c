using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> on every connection: a deleted or overwritten value is overwritten with zeros
/// in the page instead of lingering in free space, so an erased ciphertext is not in the database file (or in the new
/// page versions of the write-ahead log). The pragma is per connection and costs one statement per open.
/// </summary>
internal sealed class SqliteSecureDeleteInterceptor : DbConnectionInterceptor
{
    public static SqliteSecureDeleteInterceptor Instance { get; } = new();

    private const string Pragma = "PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
