using Npgsql;
using NUnit.Framework;

namespace OneTimeSecret.TestSupport;

/// <summary>
/// A fresh PostgreSQL database for one fixture, created on the server named by <c>OTS_TEST_POSTGRES</c> and dropped
/// afterwards. Without that variable, PostgreSQL tests are ignored with a message that says why.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "OTS_TEST_POSTGRES";

    private readonly string _serverConnectionString;

    private PostgresTestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string RequireServer()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Ignore(
                $"PostgreSQL tests did not run: {ServerVariable} is not set. Set it to the connection string of a role "
                + "that may create databases (for example Host=127.0.0.1;Username=ots;Password=ots;Database=postgres); "
                + ".ci/run installs PostgreSQL and sets it.");
        }

        return server!;
    }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = RequireServer();
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
