using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>Budgets per client: key guessing, passphrase guessing and floods meet 429s; other clients do not.</summary>
public sealed class RateLimitApiTests
{
    private OneTimeSecretApp _app = null!;

    [SetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:Reveal:PermitLimit"] = "100",
        ["RateLimits:Reveal:WindowSeconds"] = "60",
        ["RateLimits:Create:PermitLimit"] = "5",
        ["RateLimits:Create:WindowSeconds"] = "60",
        ["RateLimits:PassphraseAttempts:PermitLimit"] = "3",
        ["RateLimits:PassphraseAttempts:WindowSeconds"] = "600",
    });

    [TearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private HttpClient ClientAt(string address)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, address);
        return client;
    }

    [Test]
    public async Task ShouldMeet429s_WhenOneAddressGuesses300KeysQuickly_WhileAnotherAddressStillReveals()
    {
        using var owner = ClientAt("198.51.100.1");
        using var guesser = ClientAt("203.0.113.66");
        var shared = await owner.ShareAsync("the real one");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 300; i++)
        {
            var response = await guesser.PostAsync($"/api/v1/secret/{Guid.NewGuid():N}abcdefghijklmnopqrstuvwxyz"[..31], null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited ??= response;
            }
        }

        Assert.That(statuses.Count(s => s == HttpStatusCode.NotFound), Is.EqualTo(100));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(200));
        Assert.That(limited, Is.Not.Null);
        var json = await limited!.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Rate limit exceeded. Please try again later."));
        Assert.That(limited!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));

        var revealed = await (await owner.PostAsync($"/api/v1/secret/{shared["secret_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("the real one"));
    }

    [Test]
    public async Task ShouldLimitCreatesPerClient_AndGiveAccountsTheirOwnBudget()
    {
        using var anonymous = ClientAt("192.0.2.10");
        var account = await _app.AddAccountAsync("busy@example.org");
        using var customer = _app.CreateClient(account.CustId, account.ApiToken);
        customer.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, "192.0.2.10");

        var anonymousStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            anonymousStatuses.Add((await anonymous.PostFormAsync("/api/v1/share", ("secret", $"s{i}"))).StatusCode);
        }

        var customerStatus = (await customer.PostFormAsync("/api/v1/share", ("secret", "mine"))).StatusCode;

        Assert.That(anonymousStatuses, Is.EqualTo(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2))));
        Assert.That(customerStatus, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ShouldLimitPassphraseGuesses_WithoutConsumingTheSecret()
    {
        using var owner = ClientAt("198.51.100.2");
        using var guesser = ClientAt("203.0.113.77");
        var shared = await owner.ShareAsync("guarded", ("passphrase", "right"));
        var key = shared["secret_key"]!.GetValue<string>();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await guesser.PostFormAsync($"/api/v1/secret/{key}", ("passphrase", $"guess {i}"))).StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
        var revealed = await (await owner.PostFormAsync($"/api/v1/secret/{key}", ("passphrase", "right"))).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("guarded"));
    }

    [Test]
    public async Task ShouldDestroyTheSecretAndSaySoInTheMetadata_AfterTenWrongPassphrases()
    {
        await _app.DisposeAsync();
        _app = await OneTimeSecretApp.StartAsync();
        using var client = _app.CreateClient();
        var shared = await client.ShareAsync("guarded", ("passphrase", "right"));

        for (var i = 0; i < 10; i++)
        {
            await (await client.PostFormAsync($"/api/v1/secret/{shared["secret_key"]}", ("passphrase", $"wrong {i}"))).ExpectJsonAsync(HttpStatusCode.NotFound);
        }

        var right = await client.PostFormAsync($"/api/v1/secret/{shared["secret_key"]}", ("passphrase", "right"));
        var metadata = await (await client.GetAsync($"/api/v1/private/{shared["metadata_key"]}")).ExpectJsonAsync(HttpStatusCode.OK);

        await right.ExpectJsonAsync(HttpStatusCode.NotFound);
        Assert.That(metadata["state"]!.GetValue<string>(), Is.EqualTo("burned"));
        Assert.That(metadata["passphrase_attempts_exceeded"]!.GetValue<bool>(), Is.True);
    }
}
