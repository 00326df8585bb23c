using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Infrastructure.Locking;

/// <summary>
/// A PostgreSQL session advisory lock (<c>pg_try_advisory_lock</c>) on a connection of its own, held for as long as
/// the work runs and released explicitly (or by PostgreSQL when the connection drops with a dying instance). Every
/// instance that shares the database sees it; the work itself runs in short transactions of its own.
/// </summary>
internal sealed class PostgresAdvisoryLock(string connectionString) : IDistributedLock
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var key = KeyOf(name);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit lock key for a name.</summary>
    internal static long KeyOf(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                // Back to the pool, whose reset (DISCARD ALL) also drops any lock left behind.
                await connection.DisposeAsync();
            }
        }
    }
}
