using Npgsql;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// The reliability suite's database: a PostgreSQL cluster of the test's own (so that a test can stop and start it
/// without disturbing anything else) holding the app's database.
/// </summary>
public static class PrivatePostgres
{
    public const string Database = "onetimesecret";

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = await PostgresCluster.StartAsync("Reliability tests did not run");
        try
        {
            await cluster.CreateDatabaseAsync(Database);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the app processes connect with: short timeouts, so that an outage is answered in seconds.</summary>
    public static string AppConnectionString(this PostgresCluster cluster) =>
        new NpgsqlConnectionStringBuilder(cluster.ConnectionString(Database)) { Timeout = 3, CommandTimeout = 10, MaxPoolSize = 100 }.ConnectionString;
}
