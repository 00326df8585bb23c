using Npgsql;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>The throwaway PostgreSQL cluster the tests start when no server is configured leaves nothing behind.</summary>
public sealed class PostgresClusterTests
{
    [Test]
    public async Task ShouldServeEnoughConnectionsForTheConcurrencyTests_WhenStarted()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW max_connections", connection);

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("400"));
    }

    [Test]
    public async Task ShouldStopTheServerAndDeleteItsFolder_WhenDisposed()
    {
        var cluster = await PostgresCluster.StartAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Pooling = false, Timeout = 2 }.ConnectionString;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
        }

        Assert.That(Directory.Exists(cluster.Folder), Is.True, "the cluster lives in its folder while it runs");

        await cluster.DisposeAsync();

        Assert.That(Directory.Exists(cluster.Folder), Is.False);
        await using var refused = new NpgsqlConnection(connectionString);
        Assert.That(async () => await refused.OpenAsync(), Throws.InstanceOf<NpgsqlException>());
    }
}
