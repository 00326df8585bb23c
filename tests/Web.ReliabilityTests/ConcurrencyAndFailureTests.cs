using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>Two instances on one database, a database that goes away, and an app that is killed, under load.</summary>
[NonParallelizable]
public sealed class ConcurrencyAndFailureTests : ReliabilityTest
{
    private PostgresCluster _postgres = null!;

    [OneTimeSetUp]
    public async Task StartDatabaseAsync() => _postgres = await PrivatePostgres.StartAsync();

    [OneTimeTearDown]
    public async Task StopDatabaseAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Test]
    public async Task ShouldGiveTheValueOnce_When1000RevealsRaceAcrossTwoInstances()
    {
        ReliabilityReport.Begin("Concurrency", "1,000 concurrent reveals of one secret over HTTP, split across two app instances on one PostgreSQL database");
        await using var first = new AppInstance(_postgres.AppConnectionString());
        await using var second = new AppInstance(_postgres.AppConnectionString());
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();
        var (_, shared) = await Api.ShareAsync(clientA, "the single winner 6f3a");
        var key = shared!["secret_key"]!.GetValue<string>();

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Api.RevealAsync(i % 2 == 0 ? clientA : clientB, key)));

        var ok = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var notFound = results.Count(r => r.Status == HttpStatusCode.NotFound);
        var others = results.Where(r => r.Status is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
            .GroupBy(r => r.Status).Select(g => $"{(int)g.Key}×{g.Count()} ({g.First().Json?["message"]})");
        ReliabilityReport.Fact($"{ok.Count} × 200 with the value, {notFound} × 404; other: {string.Join(", ", others)}");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, AppInstance.Output.Where(l => l.Contains("navailable", StringComparison.Ordinal) || l.Contains("xception", StringComparison.Ordinal)).Take(20)));
        Assert.That(ok, Has.Count.EqualTo(1));
        Assert.That(ok[0].Json!["value"]!.GetValue<string>(), Is.EqualTo("the single winner 6f3a"));
        Assert.That(notFound, Is.EqualTo(999));
    }

    [Test]
    public async Task ShouldAnswer503DuringADatabaseOutage_AndRecoverWithoutARestart()
    {
        ReliabilityReport.Begin("Database outage", "PostgreSQL stopped (immediate shutdown) for 8 s during a load of mixed requests, then started again");
        await using var app = new AppInstance(_postgres.AppConnectionString());
        await app.StartAsync();
        using var client = app.CreateClient(TimeSpan.FromSeconds(30));
        var before = new List<(string Key, string Value)>();
        for (var i = 0; i < 40; i++)
        {
            var value = $"before the outage {i} c0ffee";
            var (status, json) = await Api.ShareAsync(client, value);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            before.Add((json!["secret_key"]!.GetValue<string>(), value));
        }

        var revealedKeys = new ConcurrentBag<string>();
        var outcomes = new ConcurrentBag<(HttpStatusCode Status, TimeSpan Took, bool DuringOutage)>();
        var outage = 0;
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var i = 0;
            while (!stopLoad.IsCancellationRequested)
            {
                var started = Stopwatch.StartNew();
                HttpStatusCode status;
                try
                {
                    var (shareStatus, json) = await Api.ShareAsync(client, $"load {worker}-{i++} beef");
                    status = shareStatus;
                    if (shareStatus == HttpStatusCode.OK)
                    {
                        var (revealStatus, _) = await Api.RevealAsync(client, json!["secret_key"]!.GetValue<string>());
                        status = revealStatus;
                    }

                    using var statusResponse = await client.GetAsync("/api/v1/status");
                    outcomes.Add((statusResponse.StatusCode, started.Elapsed, Volatile.Read(ref outage) == 1));
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                outcomes.Add((status, started.Elapsed, Volatile.Read(ref outage) == 1));
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        await _postgres.StopServerAsync();
        Volatile.Write(ref outage, 1);
        await Task.Delay(TimeSpan.FromSeconds(8));
        Volatile.Write(ref outage, 2);
        await _postgres.StartServerAsync();
        var recovered = Stopwatch.StartNew();
        while (recovered.Elapsed < TimeSpan.FromSeconds(60) && (await client.GetAsync("/api/v1/status")).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(200);
        }

        var recoveryTime = recovered.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        foreach (var (key, value) in before)
        {
            var (first, json) = await Api.RevealAsync(client, key);
            var (second, _) = await Api.RevealAsync(client, key);
            Assert.That(first, Is.EqualTo(HttpStatusCode.OK), $"secret {key[..4]}… created before the outage");
            Assert.That(json!["value"]!.GetValue<string>(), Is.EqualTo(value));
            Assert.That(second, Is.EqualTo(HttpStatusCode.NotFound));
        }

        var during = outcomes.Where(o => o.DuringOutage).ToList();
        var statuses = outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}×{g.Count()}");
        ReliabilityReport.Fact($"responses: {string.Join(", ", statuses)}");
        ReliabilityReport.Fact($"during the outage: {during.Count(o => o.Status == HttpStatusCode.ServiceUnavailable)} × 503, slowest {during.DefaultIfEmpty().Max(o => o.Took).TotalSeconds:0.0} s");
        ReliabilityReport.Fact($"service back {recoveryTime.TotalSeconds:0.0} s after the database, no restart");
        ReliabilityReport.Fact($"all {before.Count} secrets from before the outage revealed exactly once");
        Assert.That(outcomes.Where(o => o.Status == HttpStatusCode.InternalServerError), Is.Empty, "no 500 at any time");
        Assert.That(during.Count(o => o.Status == HttpStatusCode.ServiceUnavailable), Is.GreaterThan(0), "requests during the outage answer 503");
        Assert.That(during.Where(o => o.Status is HttpStatusCode.ServiceUnavailable).Max(o => o.Took), Is.LessThan(TimeSpan.FromSeconds(10)), "a 503 comes within a few seconds");
        Assert.That(recoveryTime, Is.LessThan(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task ShouldKeepEveryAcknowledgedSecret_WhenTheAppIsKilledDuringLoadAndRestarted()
    {
        ReliabilityReport.Begin("Process crash", "App process killed (SIGKILL) during a load of shares, then started again");
        var app = new AppInstance(_postgres.AppConnectionString());
        await app.StartAsync();
        var acknowledged = new ConcurrentBag<(string Key, string Value)>();
        var failed = 0;
        using (var client = app.CreateClient(TimeSpan.FromSeconds(10)))
        {
            using var stopLoad = new CancellationTokenSource();
            var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stopLoad.IsCancellationRequested; i++)
                {
                    var value = $"acknowledged {worker}-{i} fade";
                    try
                    {
                        var (status, json) = await Api.ShareAsync(client, value);
                        if (status == HttpStatusCode.OK)
                        {
                            acknowledged.Add((json!["secret_key"]!.GetValue<string>(), value));
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref failed);
                        await Task.Delay(50);
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(3));
            app.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
        }

        await app.DisposeAsync();
        await using var restarted = new AppInstance(_postgres.AppConnectionString());
        await restarted.StartAsync();
        using var after = restarted.CreateClient();
        var missing = 0;
        foreach (var (key, value) in acknowledged)
        {
            var (status, json) = await Api.RevealAsync(after, key);
            if (status != HttpStatusCode.OK || json!["value"]!.GetValue<string>() != value)
            {
                missing++;
            }
        }

        ReliabilityReport.Fact($"{acknowledged.Count} shares answered 200 before the kill; {failed} requests cut off by it; after the restart {acknowledged.Count - missing} of {acknowledged.Count} revealed with their value");
        Assert.That(acknowledged, Is.Not.Empty);
        Assert.That(missing, Is.Zero);
    }
}
