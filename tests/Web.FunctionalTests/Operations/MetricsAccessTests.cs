using System.Net;
using System.Net.Http.Headers;

namespace OneTimeSecret.Web.FunctionalTests.Operations;

/// <summary>/metrics only for configured networks (loopback by default) or a bearer token; /docs off in Production.</summary>
public sealed class MetricsAccessTests
{
    private const string Token = "a-scrape-token-of-at-least-32-characters";

    private static async Task<HttpStatusCode> ScrapeAsync(OneTimeSecretApp app, string address, string? bearer = null, string? forwardedFor = null)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, address);
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return (await client.GetAsync("/metrics")).StatusCode;
    }

    [Test]
    public async Task ShouldServeMetricsToLoopbackOnly_ByDefault()
    {
        await using var app = await OneTimeSecretApp.StartAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ScrapeAsync(app, "127.0.0.1"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ScrapeAsync(app, "::1"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ScrapeAsync(app, "203.0.113.5"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await ScrapeAsync(app, "2001:db8::5"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await ScrapeAsync(app, "127.0.0.1", forwardedFor: "203.0.113.5"), Is.EqualTo(HttpStatusCode.Forbidden), "through an untrusted proxy on the same host");
            Assert.That(await ScrapeAsync(app, "203.0.113.5", bearer: Token), Is.EqualTo(HttpStatusCode.Forbidden), "no token is configured");
        }
    }

    [Test]
    public async Task ShouldServeMetricsToConfiguredNetworks_AndToTheBearerToken()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Metrics:AllowedNetworks:0"] = "10.1.0.0/16",
            ["Metrics:BearerToken"] = Token,
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ScrapeAsync(app, "10.1.2.3"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ScrapeAsync(app, "10.2.0.1"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await ScrapeAsync(app, "203.0.113.5", bearer: Token), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ScrapeAsync(app, "203.0.113.5", bearer: Token + "x"), Is.EqualTo(HttpStatusCode.Forbidden));
        }
    }

    [Test]
    public async Task ShouldNotServeTheApiReference_InProductionUnlessSwitchedOn()
    {
        await using var production = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["environment"] = "Production" });
        await using var switchedOn = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["ApiDocs:Enabled"] = "true",
        });
        using var client = production.CreateClient();
        using var otherClient = switchedOn.CreateClient();

        Assert.That((await client.GetAsync("/docs")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync("/openapi/v1.json")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await otherClient.GetAsync("/docs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
