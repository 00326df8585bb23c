using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>
/// The API challenges only callers that sent credentials, and refuses calls a browser makes for another site: the
/// headers are those Chromium and Firefox send with a cross-site <c>fetch</c> or form post.
/// </summary>
public sealed class CrossSiteApiTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string NewCustId() => $"api{Guid.NewGuid():N}"[..20] + "@example.org";

    [Test]
    public async Task ShouldNotChallenge_WhenNoCredentialsWereSent()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/api/v1/authcheck");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
    }

    [Test]
    public async Task ShouldChallenge_WhenWrongCredentialsWereSent()
    {
        using var client = _app.CreateClient(NewCustId(), "wrongtokenwrongtokenwrongtokenwrongtoken");

        var response = await client.GetAsync("/api/v1/authcheck");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic realm="));
    }

    [Test]
    public async Task ShouldRefuse_WhenTheBrowserMarksTheCallCrossSite()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/share")
        {
            Content = new FormUrlEncodedContent([new("secret", "planted by another site")]),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "no-cors");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await client.SendAsync(request);

        var json = await response.ExpectJsonAsync(HttpStatusCode.Forbidden);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Cross-site requests are refused"));
    }

    [Test]
    public async Task ShouldRefuse_WhenAForeignOriginSendsBasicCredentials()
    {
        var account = await _app.AddAccountAsync(NewCustId());
        using var client = _app.CreateClient(account.CustId, account.ApiToken);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/v1/authcheck");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/v1/authcheck");
        own.Headers.Add("Origin", "http://localhost");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");

        var refused = await client.SendAsync(foreign);
        var allowed = await client.SendAsync(own);

        await refused.ExpectJsonAsync(HttpStatusCode.Forbidden);
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldRefuse_WhenAForeignOriginSendsACookie()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/share")
        {
            Content = new FormUrlEncodedContent([new("secret", "posted with a cookie")]),
        };
        request.Headers.Add("Origin", "null");
        request.Headers.Add("Cookie", "__Host-ots_session=whatever");

        var response = await client.SendAsync(request);

        await response.ExpectJsonAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task ShouldServeProgramsThatSendNoBrowserHeaders()
    {
        var account = await _app.AddAccountAsync(NewCustId());
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.CustId}:{account.ApiToken}")));

        var response = await client.PostAsync("/api/v1/share", new FormUrlEncodedContent([new("secret", "from a script")]));

        await response.ExpectJsonAsync(HttpStatusCode.OK);
    }
}

/// <summary>Failed basic authentications spend a budget per client address; after it, 429 without checking.</summary>
public sealed class ApiCredentialBudgetTests
{
    [Test]
    public async Task ShouldAnswer429_AfterTheFailedBasicAuthBudgetIsSpent()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:ApiAuthFailures:PermitLimit"] = "3",
            ["RateLimits:ApiAuthFailures:WindowSeconds"] = "600",
        });
        var account = await app.AddAccountAsync($"api{Guid.NewGuid():N}"[..20] + "@example.org");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var guesser = app.CreateClient(account.CustId, $"guess{i}guess{i}guess{i}guess{i}guess{i}guess{i}");
            guesser.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, $"2001:db8:7:7::{i + 1}");
            statuses.Add((await guesser.GetAsync("/api/v1/authcheck")).StatusCode);
        }

        using var rightButSameNetwork = app.CreateClient(account.CustId, account.ApiToken);
        rightButSameNetwork.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, "2001:db8:7:7::99");
        using var elsewhere = app.CreateClient(account.CustId, account.ApiToken);
        elsewhere.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, "198.51.100.9");

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        var limited = await (await rightButSameNetwork.GetAsync("/api/v1/authcheck")).ExpectJsonAsync(HttpStatusCode.TooManyRequests);
        Assert.That(limited["message"]!.GetValue<string>(), Is.EqualTo("Rate limit exceeded. Please try again later."));
        Assert.That((await elsewhere.GetAsync("/api/v1/authcheck")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
