using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// PostgreSQL fails over under load: a primary and a streaming standby on loopback, the app connected to both through
/// Npgsql's multi-host connection string (<c>Target Session Attributes=primary</c>); the primary is stopped at once and
/// the standby promoted, and the app is not restarted. What was acknowledged must still be there, and what was
/// revealed must stay gone. With an asynchronous standby the test measures what is lost instead of forbidding it.
/// </summary>
[NonParallelizable]
public sealed class FailoverTests : ReliabilityTest
{
    private const string Database = "onetimesecret";
    private const string StandbyName = "standby1";

    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldKeepAcknowledgedSecretsAndRevealNoneTwice_WhenThePrimaryFailsOver(bool synchronous)
    {
        ReliabilityReport.Begin(
            "PostgreSQL failover",
            $"primary stopped (immediate shutdown) and its {(synchronous ? "synchronous" : "asynchronous")} streaming standby promoted during a load of shares and reveals; the app (multi-host connection string, Target Session Attributes=primary) not restarted");
        await using var primary = await PrivatePostgres.StartAsync();
        await using var standby = await primary.StartStandbyAsync(StandbyName);
        if (synchronous)
        {
            await primary.ExecuteAsync($"ALTER SYSTEM SET synchronous_standby_names = '{StandbyName}'");
            await primary.ExecuteAsync("SELECT pg_reload_conf()");
        }

        await WaitForReplicationAsync(primary, synchronous ? "sync" : "async");
        await using var app = new AppInstance(FailoverConnectionString(primary, standby));
        await app.StartAsync();
        using var client = app.CreateClient(TimeSpan.FromSeconds(30));

        var shared = new ConcurrentDictionary<string, string>();
        var revealed = new ConcurrentDictionary<string, byte>();
        var revealsCutOff = new ConcurrentDictionary<string, byte>();
        var outcomes = new ConcurrentQueue<(HttpStatusCode Status, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
            {
                var value = $"failover {worker}-{i} 5ca1ab1e";
                var (shareStatus, json) = await CallAsync(() => Api.ShareAsync(client, value));
                outcomes.Enqueue((shareStatus, clock.Elapsed));
                if (shareStatus != HttpStatusCode.OK)
                {
                    await Task.Delay(50);
                    continue;
                }

                var key = json!["secret_key"]!.GetValue<string>();
                shared[key] = value;

                // Every other secret is revealed at once; the rest stay for the check after the failover.
                if (i % 2 == 0)
                {
                    var (revealStatus, _) = await CallAsync(() => Api.RevealAsync(client, key));
                    outcomes.Enqueue((revealStatus, clock.Elapsed));
                    if (revealStatus == HttpStatusCode.OK)
                    {
                        revealed[key] = 0;
                    }
                    else
                    {
                        revealsCutOff[key] = 0;
                    }
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(4));
        var failedAt = clock.Elapsed;
        await primary.StopServerAsync();
        await standby.PromoteAsync();
        var promotedAt = clock.Elapsed;

        // Until a share succeeds again, with a minute at most.
        while (clock.Elapsed - failedAt < TimeSpan.FromSeconds(60)
            && !outcomes.Any(o => o.At > promotedAt && o.Status == HttpStatusCode.OK))
        {
            await Task.Delay(100);
        }

        var backAt = outcomes.Where(o => o.At > promotedAt && o.Status == HttpStatusCode.OK).Select(o => o.At).DefaultIfEmpty(clock.Elapsed).Min();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        // Every acknowledged secret that was not revealed must reveal now, with its value, on the new primary; every
        // revealed one must be gone.
        var lost = 0;
        var revealedTwice = 0;
        foreach (var (key, value) in shared.Where(pair => !revealed.ContainsKey(pair.Key) && !revealsCutOff.ContainsKey(pair.Key)))
        {
            var (status, json) = await Api.RevealAsync(client, key);
            if (status != HttpStatusCode.OK || json?["value"]?.GetValue<string>() != value)
            {
                lost++;
            }
        }

        foreach (var key in revealed.Keys)
        {
            var (status, _) = await Api.RevealAsync(client, key);
            if (status != HttpStatusCode.NotFound)
            {
                revealedTwice++;
            }
        }

        // A reveal whose answer was cut off by the failure may have been committed (the value is then gone without
        // having been shown) or not (it reveals now).
        var cutOffAndGone = 0;
        foreach (var key in revealsCutOff.Keys)
        {
            var (status, _) = await Api.RevealAsync(client, key);
            if (status == HttpStatusCode.NotFound)
            {
                cutOffAndGone++;
            }
        }

        var during = outcomes.Where(o => o.At >= failedAt && o.At <= backAt).ToList();
        var statuses = outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}×{g.Count()}");
        var unrevealed = shared.Count - revealed.Count - revealsCutOff.Count;
        ReliabilityReport.Fact($"responses: {string.Join(", ", statuses)}");
        ReliabilityReport.Fact($"requests succeed again {(backAt - promotedAt).TotalSeconds:0.0} s after the promotion ({(backAt - failedAt).TotalSeconds:0.0} s after the primary stopped), no restart; meanwhile {during.Count(o => o.Status != HttpStatusCode.OK)} requests failed, {during.Count(o => o.Status == HttpStatusCode.ServiceUnavailable)} of them 503");
        ReliabilityReport.Fact($"acknowledged and not revealed: {unrevealed}, lost {lost}");
        ReliabilityReport.Fact($"revealed (200): {revealed.Count}, revealable again after the failover {revealedTwice}");
        ReliabilityReport.Fact($"reveals cut off by the failure: {revealsCutOff.Count}, of which committed (gone unshown) {cutOffAndGone}");
        TestContext.Out.WriteLine($"failover at {failedAt.TotalSeconds:0.0} s, promoted at {promotedAt.TotalSeconds:0.0} s, back at {backAt.TotalSeconds:0.0} s; {string.Join(", ", statuses)}; lost {lost}, revealed twice {revealedTwice}, cut off {revealsCutOff.Count} (gone {cutOffAndGone})");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, AppInstance.Output.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(20)));

        Assert.That(outcomes.Where(o => o.Status == HttpStatusCode.InternalServerError), Is.Empty, "no 500 at any time");
        Assert.That(outcomes.Where(o => o.At > failedAt && o.Status == HttpStatusCode.OK), Is.Not.Empty, "requests succeed again without a restart");
        Assert.That(during.Where(o => o.Status != HttpStatusCode.OK).Select(o => o.Status), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable), "every failed request is a clean 503");
        if (synchronous)
        {
            Assert.That(lost, Is.Zero, "no acknowledged secret lost");
            Assert.That(revealedTwice, Is.Zero, "no secret revealed twice");
        }
    }

    /// <summary>Both servers in one connection string; Npgsql uses the one that is the primary.</summary>
    private static string FailoverConnectionString(PostgresCluster primary, PostgresCluster standby)
    {
        var builder = new NpgsqlConnectionStringBuilder(primary.AppConnectionString())
        {
            Host = $"127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}",
            TargetSessionAttributes = "primary",
        };
        builder.Remove("Port");
        return builder.ConnectionString;
    }

    private static async Task WaitForReplicationAsync(PostgresCluster primary, string syncState)
    {
        var deadline = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(primary.ConnectionString());
        await connection.OpenAsync();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_replication WHERE application_name = @name AND state = 'streaming' AND sync_state = @sync", connection);
            command.Parameters.AddWithValue("name", StandbyName);
            command.Parameters.AddWithValue("sync", syncState);
            if ((long)(await command.ExecuteScalarAsync())! == 1)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the standby did not stream as {syncState} within 30 s");
    }

    /// <summary>A request cut off by the failure (the connection reset, or no answer in time) counts as status 0.</summary>
    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Json)> CallAsync(
        Func<Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode?)>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (0, null);
        }
    }
}
