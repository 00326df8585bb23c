using Npgsql;

namespace OneTimeSecret.TestSupport;

/// <summary>
/// A fresh PostgreSQL database for one fixture, dropped afterwards. It is created on the server named by
/// <c>OTS_TEST_POSTGRES</c>; without that variable, on a throwaway cluster that this test process starts the first time
/// it needs one (<see cref="PostgresCluster"/>) and removes when it ends. Only where neither is possible are
/// PostgreSQL tests ignored, with a message that says why.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "OTS_TEST_POSTGRES";

    private static readonly SemaphoreSlim SharedClusterLock = new(1, 1);
    private static PostgresCluster? _sharedCluster;

    private readonly string _serverConnectionString;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// The connection string of a role that may create databases: <c>OTS_TEST_POSTGRES</c> when set, otherwise the
    /// superuser of this process's own cluster (started now if it is not running yet).
    /// </summary>
    public static async Task<string> ServerAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }

        await SharedClusterLock.WaitAsync();
        try
        {
            if (_sharedCluster is null)
            {
                var cluster = await PostgresCluster.StartAsync(
                    $"PostgreSQL tests did not run: {ServerVariable} is not set (the connection string of a role that may "
                    + "create databases), and this machine cannot start a server of the tests' own");

                // One cluster serves every fixture of this test process; it goes when the process does (the cluster's
                // watchdog removes it even if the process is killed before this handler runs).
                AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
                _sharedCluster = cluster;
            }

            return _sharedCluster.ConnectionString();
        }
        finally
        {
            SharedClusterLock.Release();
        }
    }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = await ServerAsync();
        var name = $"ots_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 40 };
        return new PostgresTestDatabase(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
