using System.Net;
using System.Text.Json.Nodes;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// Budgets shared through Redis (issue 17): two app processes on one PostgreSQL database and one Redis spend one
/// reveal budget, not one each; with Redis stopped they serve on with budgets of their own (no 5xx, readiness
/// degraded), and share again when it is back.
/// </summary>
[NonParallelizable]
public sealed class SharedBudgetTests : ReliabilityTest
{
    private const int Budget = 30;

    [Test]
    public async Task ShouldSpendTheRevealBudgetOnceAcrossTwoInstances_AndServeOnWithoutRedis()
    {
        ReliabilityReport.Begin(
            "Shared budgets",
            $"two instances with RateLimits:Redis, a reveal budget of {Budget} per client: {2 * Budget} key guesses spread over both; then Redis stopped, then started again");
        await using var redis = new RedisTestServer();
        await redis.StartAsync();
        await using var postgres = await PrivatePostgres.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["RateLimits__Enabled"] = "true",
            ["ReverseProxy__KnownProxies__0"] = "127.0.0.1",
            ["RateLimits__Redis"] = redis.ConnectionString,
            ["RateLimits__Reveal__PermitLimit"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits__Reveal__WindowSeconds"] = "3600",
        };
        await using var first = new AppInstance(postgres.AppConnectionString(), settings);
        await first.StartAsync();
        await using var second = new AppInstance(postgres.AppConnectionString(), settings);
        await second.StartAsync();
        using var clientA = first.CreateClient();
        using var clientB = second.CreateClient();

        var shared = await GuessAsync([clientA, clientB], 2 * Budget, "192.0.2.10");

        await redis.StopAsync();
        var withoutRedis = await GuessAsync([clientA, clientB], 2 * Budget, "192.0.2.20");
        var readiness = await ReadinessAsync(clientA);

        await redis.StartAsync();
        var readyAgain = await WaitForReadinessAsync(clientA, "Healthy");
        var sharedAgain = await GuessAsync([clientA, clientB], 2 * Budget, "192.0.2.30");

        ReliabilityReport.Fact(
            $"with Redis: {shared.Passed} of {2 * Budget} guesses let through, {shared.Refused} answered 429; "
            + $"Redis stopped: {withoutRedis.Passed} let through (each instance its own budget), {withoutRedis.Errors} answers of 500 or more, readiness {readiness.Status} ({readiness.Code}); "
            + $"Redis back: readiness {readyAgain}, {sharedAgain.Passed} let through");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(shared.Passed, Is.EqualTo(Budget), "the budget is spent once, not once per instance");
            Assert.That(shared.Refused, Is.EqualTo(Budget));
            Assert.That(withoutRedis.Errors, Is.Zero, "no request is refused because Redis is down");
            Assert.That(withoutRedis.Passed, Is.EqualTo(2 * Budget), "each instance counts alone while Redis is down");
            Assert.That(readiness.Code, Is.EqualTo(HttpStatusCode.OK), "still ready: it serves every request");
            Assert.That(readiness.Status, Is.EqualTo("Degraded"));
            Assert.That(readyAgain, Is.EqualTo("Healthy"));
            Assert.That(sharedAgain.Passed, Is.EqualTo(Budget), "shared again once Redis is back");
        }
    }

    private static async Task<(int Passed, int Refused, int Errors)> GuessAsync(HttpClient[] clients, int guesses, string clientAddress)
    {
        var (passed, refused, errors) = (0, 0, 0);
        for (var i = 0; i < guesses; i++)
        {
            var (status, _) = await Api.RevealAsync(clients[i % clients.Length], $"guess{i:D4}notakeyatall00000000000", clientAddress);
            switch ((int)status)
            {
                case 429: refused++; break;
                case >= 500: errors++; break;
                default: passed++; break;
            }
        }

        return (passed, refused, errors);
    }

    private static async Task<(HttpStatusCode Code, string? Status)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json?["status"]?.GetValue<string>());
    }

    private static async Task<string?> WaitForReadinessAsync(HttpClient client, string wanted)
    {
        string? status = null;
        for (var i = 0; i < 60 && status != wanted; i++)
        {
            await Task.Delay(500);
            status = (await ReadinessAsync(client)).Status;
        }

        return status;
    }
}
