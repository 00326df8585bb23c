using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Operations;

public sealed class HealthEndpointTests
{
    [Test]
    public async Task ShouldAnswerLiveAndReady_WhenTheDatabaseIsMigrated()
    {
        await using var app = await OneTimeSecretApp.StartAsync();
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var json = await ready.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task ShouldBeLiveButNotReady_WhenMigrationsArePending()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var json = await ready.ExpectJsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(json["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("migrations are pending"));
    }

    [Test]
    public async Task ShouldBeLiveButNotReady_WhenTheDatabaseCannotBeReached()
    {
        // Nothing listens on port 1; without start-up migrations the app starts and must say it is not ready.
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
        });
        using var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var json = await ready.ExpectJsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(json["checks"]!["database"]!["description"]!.GetValue<string>(), Does.Contain("cannot be reached"));
        client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, "127.0.0.1");
        var metrics = await client.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Match("ots_database_errors_total\\{[^}]*kind=\"connection\"[^}]*\\} [1-9]"));
    }
}
