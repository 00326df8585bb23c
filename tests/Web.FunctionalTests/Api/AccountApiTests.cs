using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Customers.Commands.RemoveCustomer;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>Status, authcheck, recent and HTTP basic authentication.</summary>
public sealed class AccountApiTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldAnswerNominal_WhenTheStatusIsAsked()
    {
        using var client = _app.CreateClient();

        var json = await (await client.GetAsync("/api/v1/status")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(json.ToJsonString(), Is.EqualTo("{\"status\":\"nominal\",\"locale\":\"en\"}"));
    }

    [Test]
    public async Task ShouldAnswerTheCustomerRecord_WhenCredentialsAreValid()
    {
        var account = await _app.AddAccountAsync("Checker@Example.org");
        using var client = _app.CreateClient("checker@example.org", account.ApiToken);

        var json = await (await client.GetAsync("/api/v1/authcheck")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(json["custid"]!.GetValue<string>(), Is.EqualTo("checker@example.org"));
        Assert.That(json["planid"]!.GetValue<string>(), Is.EqualTo("basic"));
        Assert.That(json["created"]!.GetValue<long>(), Is.GreaterThan(0));
        Assert.That(json.ToJsonString(), Does.Not.Contain(account.ApiToken));
    }

    [Test]
    public async Task ShouldAnswer401_WhenAuthcheckIsAnonymous()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/api/v1/authcheck");

        var json = await response.ExpectJsonAsync(HttpStatusCode.Unauthorized);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Not authorized"));
        Assert.That(response.Headers.WwwAuthenticate, Is.Empty, "no challenge without credentials (issue 15 item 9)");
    }

    [Test]
    public async Task ShouldAnswer401AndNeverFallBackToAnonymous_WhenTheTokenIsWrong()
    {
        var account = await _app.AddAccountAsync("wrongtoken@example.org");
        using var client = _app.CreateClient(account.CustId, account.ApiToken + "x");

        var share = await client.PostFormAsync("/api/v1/share", ("secret", "should not be stored"));

        var json = await share.ExpectJsonAsync(HttpStatusCode.Unauthorized);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Not authorized"));
        Assert.That(share.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
    }

    [TestCase("Basic")]
    [TestCase("Basic !!!not-base64!!!")]
    [TestCase("Basic bm9jb2xvbg==")]
    [TestCase("Basic OnRva2Vu")]
    [TestCase("Bearer abc")]
    [TestCase("Basic //79/w==")]
    public async Task ShouldAnswer401_WhenTheAuthorizationHeaderIsMalformed(string header)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await client.SendAsync(request);

        await response.ExpectJsonAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ShouldAnswer401_WhenTheAuthorizationHeaderIsHuge()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + new string('t', 20_000))));

        var response = await client.GetAsync("/api/v1/status");

        await response.ExpectJsonAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ShouldListOnlyTheCustomersSecretsWithNullKeys_WhenRecentIsAsked()
    {
        var mine = await _app.AddAccountAsync("recent-owner@example.org");
        var theirs = await _app.AddAccountAsync("recent-other@example.org");
        using var me = _app.CreateClient(mine.CustId, mine.ApiToken);
        using var them = _app.CreateClient(theirs.CustId, theirs.ApiToken);
        var first = await me.ShareAsync("one");
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await me.ShareAsync("two");
        await them.ShareAsync("not mine");

        var list = (await (await me.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK)).AsArray();
        var twin = (await (await me.GetAsync("/api/v1/receipt/recent")).ExpectJsonAsync(HttpStatusCode.OK)).AsArray();

        Assert.That(list.Select(m => m!["metadata_key"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            second["metadata_key"]!.GetValue<string>(),
            first["metadata_key"]!.GetValue<string>(),
        }));
        Assert.That(list.Select(m => m!.AsObject().ContainsKey("secret_key") && m["secret_key"] is null), Is.All.True);
        Assert.That(twin, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldAnswer401_WhenRecentIsAskedAnonymously()
    {
        using var client = _app.CreateClient();

        var json = await (await client.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.Unauthorized);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Not authorized"));
    }

    [Test]
    public async Task ShouldStopAcceptingAToken_WhenTheAccountIsRemoved()
    {
        var account = await _app.AddAccountAsync("removed@example.org");
        using var client = _app.CreateClient(account.CustId, account.ApiToken);
        await (await client.GetAsync("/api/v1/authcheck")).ExpectJsonAsync(HttpStatusCode.OK);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            Assert.That(await sender.Send(new RemoveCustomerCommand(account.CustId)), Is.True);
        }

        await (await client.GetAsync("/api/v1/authcheck")).ExpectJsonAsync(HttpStatusCode.Unauthorized);
    }
}
