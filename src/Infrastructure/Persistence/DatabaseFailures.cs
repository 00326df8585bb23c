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
                case Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }:
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
}
