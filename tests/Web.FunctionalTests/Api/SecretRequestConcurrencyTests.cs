using System.Net;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>
/// Two instances of the app on one PostgreSQL database, and 200 answers to one request at once, spread over both:
/// exactly one is stored, and only its value can be revealed, once.
/// </summary>
public sealed class SecretRequestConcurrencyTests
{
    private const int Answers = 200;

    private TestDatabase _database = null!;
    private OneTimeSecretApp _first = null!;
    private OneTimeSecretApp _second = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);

        // The PostgreSQL server is shared: each instance keeps to a small pool, so the answers queue for connections
        // (as they would behind a real pool) instead of taking every connection the server has.
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString + ";Maximum Pool Size=12",
        };
        _first = OneTimeSecretApp.Start(_database, settings);
        _second = OneTimeSecretApp.Start(_database, settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task ShouldStoreExactlyOneAnswer_WhenManyArriveAtOnceOnTwoInstances()
    {
        var issued = await _first.AddAccountAsync("concurrent@example.org");
        using var requester = _first.CreateClient(issued.CustId, issued.ApiToken);
        var created = await (await requester.PostFormAsync("/api/v1/requests", ("note", "one of you"))).ExpectJsonAsync(HttpStatusCode.OK);
        var key = created["request_key"]!.GetValue<string>();
        LogCapture.AddSensitive(key);
        using var onFirst = _first.CreateClient();
        using var onSecond = _second.CreateClient();

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, Answers).Select(async i =>
        {
            await start.WaitAsync();
            var client = i % 2 == 0 ? onFirst : onSecond;
            var response = await client.PostFormAsync($"/api/v1/requests/{key}/answer", ("secret", $"answer number {i}"));
            return (Index: i, Status: response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(Answers);
        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var losers = results.Where(r => r.Status != HttpStatusCode.OK).ToList();
        Assert.That(winners, Has.Count.EqualTo(1), string.Join(Environment.NewLine, results.Select(r => $"{r.Status} {r.Body}").Distinct()));
        Assert.That(winners[0].Body, Is.EqualTo("""{"state":"answered"}"""));
        Assert.That(losers.Select(r => (r.Status, r.Body)).Distinct(), Is.EqualTo(new[] { (HttpStatusCode.NotFound, """{"message":"Unknown request"}""") }));

        var seen = await (await requester.GetAsync($"/api/v1/requests/{key}")).ExpectJsonAsync(HttpStatusCode.OK);
        var secretKey = seen["secret_key"]!.GetValue<string>();
        LogCapture.AddSensitive(secretKey);
        var recent = await (await requester.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK);
        var revealed = await (await onSecond.PostAsync($"/api/v1/secret/{secretKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var again = await onFirst.PostAsync($"/api/v1/secret/{secretKey}", null);

        Assert.Multiple(() =>
        {
            Assert.That(recent.AsArray(), Has.Count.EqualTo(1), "one secret stored for the requester");
            Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo($"answer number {winners[0].Index}"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
