using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>Recognises the exceptions that mean "the database cannot be reached right now".</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case Npgsql.NpgsqlException { IsTransient: true }:
                // Shut down, starting up, too many connections; a standby's (or a demoted primary's) read-only refusal.
                case Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "25006" }:
                // Every failure on the client's side of the connection: no reachable primary among several hosts
                // ("No suitable host was found"), a broken stream. Errors the server reports are PostgresExceptions.
                case Npgsql.NpgsqlException and not Npgsql.PostgresException:
                case SocketException:
                case TimeoutException:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 10 or 14 }:
                    return true;
                case DbUpdateException or DbException or InvalidOperationException:
                    continue;
            }
        }

        return false;
    }

    /// <summary>
    /// The error code of an unavailable database, for a log line an operator can act on without a stack trace:
    /// like <c>PostgreSQL 57P01</c>, <c>SQLite 5</c>, <c>socket ConnectionRefused</c> or <c>timeout</c>.
    /// </summary>
    public static string ErrorCode(Exception? exception)
    {
        string? found = null;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            found = current switch
            {
                Npgsql.PostgresException postgres => $"PostgreSQL {postgres.SqlState}",
                Microsoft.Data.Sqlite.SqliteException sqlite => $"SQLite {sqlite.SqliteErrorCode}",
                SocketException socket => $"socket {socket.SocketErrorCode}",
                TimeoutException => "timeout",
                _ => found,
            };
        }

        return found ?? exception?.GetType().Name ?? "unknown";
    }
}
