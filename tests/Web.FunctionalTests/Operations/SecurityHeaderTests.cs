using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Operations;

/// <summary>Every response carries the security headers; the API is never cached; HSTS only over HTTPS.</summary>
public sealed class SecurityHeaderTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new AssertionException($"{name} is missing on {response.RequestMessage?.RequestUri}");

    [TestCase("GET", "/api/v1/status")]
    [TestCase("POST", "/api/v1/secret/0123456789abcdefghijklmnopqrstu")]
    [TestCase("GET", "/api/v1/no-such-endpoint")]
    [TestCase("GET", "/")]
    [TestCase("GET", "/secret/0123456789abcdefghijklmnopqrstu")]
    [TestCase("GET", "/no-such-page")]
    [TestCase("GET", "/health/live")]
    [TestCase("GET", "/docs")]
    public async Task ShouldSendTheSecurityHeaders_OnEveryResponse(string method, string path)
    {
        using var client = _app.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var csp = Header(response, "Content-Security-Policy");
        Assert.That(csp, Does.Contain("frame-ancestors 'none'"));
        Assert.That(csp, Does.Not.Contain("*"));
        Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
        Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, "no HSTS over plain HTTP");
        if (path != "/docs")
        {
            Assert.That(csp, Does.Not.Contain("unsafe-inline"));
        }
    }

    [Test]
    public async Task ShouldNeverLetTheApiBeCached()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/api/v1/status");

        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(Header(response, "Content-Security-Policy"), Does.StartWith("default-src 'none'"));
    }

    [Test]
    public async Task ShouldSendHsts_WhenServedOverHttps()
    {
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
        });

        using var response = await client.GetAsync("/api/v1/status");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "Strict-Transport-Security"), Does.StartWith("max-age="));
    }
}
