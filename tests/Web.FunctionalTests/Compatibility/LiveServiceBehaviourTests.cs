using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>
/// Where the live onetimesecret.com service behaves differently from a literal reading of its documentation, and
/// published v1 clients depend on it (issue 14). Each request is written as the bytes those clients send.
/// </summary>
public sealed class LiveServiceBehaviourTests
{
    private const string FormType = "application/x-www-form-urlencoded";
    private const long DefaultTtl = 7 * 24 * 3600;

    private OneTimeSecretApp _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _customer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _anonymous = _app.CreateClient();
        var account = await _app.AddAccountAsync("live-rules@example.org");
        _customer = _app.CreateClient(account.CustId, account.ApiToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _anonymous.Dispose();
        _customer.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>A urlencoded body exactly as written, with the bare content type Go's <c>http.PostForm</c> sends.</summary>
    private static ByteArrayContent Form(string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(FormType);
        return content;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> PostAsync(HttpClient client, string path, string body, HttpStatusCode expected) =>
        await (await client.PostAsync(path, Form(body))).ExpectJsonAsync(expected);

    private static string? IntendedStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-OTS-Intended-Status", out var values) ? string.Join(",", values) : null;

    private static async Task<int> StoredSecretCountAsync(OneTimeSecretApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().Secrets.CountAsync();
    }

    // Item 4: a Go command line sends ttl=0 unless told otherwise, meaning "no ttl given".
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("soon")]
    public async Task ShouldUseThePlansDefaultTtl_WhenTheTtlIsZeroNegativeOrNotANumber(string ttl)
    {
        var json = await PostAsync(_anonymous, "/api/v1/share", $"secret=ttl-{ttl}&ttl={ttl}", HttpStatusCode.OK);

        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(DefaultTtl));
        Assert.That(json["secret_ttl"]!.GetValue<long>(), Is.EqualTo(DefaultTtl));
    }

    [Test]
    public async Task ShouldRaiseTheTtlToTheMinimum_WhenItIsPositiveButShort()
    {
        var json = await PostAsync(_anonymous, "/api/v1/share", "secret=short&ttl=5", HttpStatusCode.OK);

        Assert.That(json["ttl"]!.GetValue<long>(), Is.EqualTo(60));
    }

    // Item 6: the live service builds the answer, then marks the metadata viewed.
    [Test]
    public async Task ShouldReportNewOnTheFirstMetadataLook_AndViewedOnTheNext()
    {
        var shared = await PostAsync(_anonymous, "/api/v1/share", "secret=look+twice", HttpStatusCode.OK);
        var key = shared["metadata_key"]!.GetValue<string>();

        var first = await (await _anonymous.GetAsync($"/api/v1/private/{key}")).ExpectJsonAsync(HttpStatusCode.OK);
        var second = await (await _anonymous.PostAsync($"/api/v1/private/{key}", Form(string.Empty))).ExpectJsonAsync(HttpStatusCode.OK);
        var third = await (await _anonymous.GetAsync($"/api/v1/receipt/{key}")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(first["state"]!.GetValue<string>(), Is.EqualTo("new"));
        Assert.That(second["state"]!.GetValue<string>(), Is.EqualTo("viewed"));
        Assert.That(third["state"]!.GetValue<string>(), Is.EqualTo("viewed"));
    }

    // Item 7: clients compare the obfuscated string.
    [TestCase("foo@example.com", "fo*****@e*****.com")]
    [TestCase("fred@example.org", "fr*****@e*****.org")]
    public async Task ShouldObfuscateTheRecipientInTheLiveFormat(string address, string expected)
    {
        var json = await PostAsync(_customer, "/api/v1/share", $"secret=for+{address[..2]}&recipient={Uri.EscapeDataString(address)}", HttpStatusCode.OK);

        Assert.That(json["recipient"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { expected }));
    }

    // Addresses the live pattern would leave in the clear: a long top-level label, a one-letter host, a one-letter
    // local part.
    [TestCase("fred@example.museum")]
    [TestCase("fred@e.io")]
    [TestCase("f@example.org")]
    public async Task ShouldNeverShowTheAddressInFull_WhenTheLivePatternWouldNotMaskIt(string address)
    {
        var json = await PostAsync(_customer, "/api/v1/share", $"secret=unmaskable&recipient={Uri.EscapeDataString(address)}", HttpStatusCode.OK);
        var shown = json["recipient"]!.AsArray().Single()!.GetValue<string>();
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var host = address[(at + 1)..address.LastIndexOf('.')];

        Assert.That(shown, Does.Contain("*****@"));
        Assert.That(shown, Does.Not.Contain(address[..at] + "*"));
        Assert.That(shown, Does.Not.Contain("@" + host));
    }

    // Item 8: the live service refuses to email anyone on an anonymous caller's behalf.
    [Test]
    public async Task ShouldRefuseAnAnonymousRecipient_AndStoreNothing()
    {
        var before = await StoredSecretCountAsync(_app);

        var response = await _anonymous.PostAsync("/api/v1/share", Form("secret=mail+it&recipient=fred%40example.org"));
        var json = await response.ExpectJsonAsync(HttpStatusCode.Forbidden);
        var generated = await _anonymous.PostAsync("/api/v1/generate", Form("recipient=fred%40example.org"));

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("An account is required to send emails."));
        Assert.That((await generated.ExpectJsonAsync(HttpStatusCode.Forbidden))["message"]!.GetValue<string>(), Is.EqualTo("An account is required to send emails."));
        Assert.That(await StoredSecretCountAsync(_app), Is.EqualTo(before));
        Assert.That(Directory.Exists(_app.MailFolder) ? Directory.GetFiles(_app.MailFolder) : [], Is.Empty);
    }

    [Test]
    public async Task ShouldAcceptAnAnonymousRecipient_WhenTheSettingAllowsIt()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Secrets:AllowAnonymousRecipients"] = "true",
        });
        using var client = app.CreateClient();

        var json = await PostAsync(client, "/api/v1/share", "secret=closed+deployment&recipient=fred%40example.org", HttpStatusCode.OK);

        Assert.That(json["recipient"]!.AsArray(), Has.Count.EqualTo(1));
    }

    // Item 5: the live service checks the passphrase before it burns.
    [Test]
    public async Task ShouldBurnAProtectedSecret_OnlyWithItsPassphrase()
    {
        var shared = await PostAsync(_anonymous, "/api/v1/share", "secret=guarded&passphrase=open+sesame", HttpStatusCode.OK);
        var key = shared["metadata_key"]!.GetValue<string>();

        var without = await PostAsync(_anonymous, $"/api/v1/private/{key}/burn", string.Empty, HttpStatusCode.NotFound);
        var wrong = await PostAsync(_anonymous, $"/api/v1/private/{key}/burn", "passphrase=open+barley", HttpStatusCode.NotFound);
        var still = await (await _anonymous.GetAsync($"/api/v1/private/{key}")).ExpectJsonAsync(HttpStatusCode.OK);
        var right = await PostAsync(_anonymous, $"/api/v1/private/{key}/burn", "passphrase=open+sesame", HttpStatusCode.OK);

        Assert.That(without["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        Assert.That(wrong["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        Assert.That(still["state"]!.GetValue<string>(), Is.Not.EqualTo("burned"));
        Assert.That(right["state"]!["state"]!.GetValue<string>(), Is.EqualTo("burned"));
        await PostAsync(_anonymous, $"/api/v1/secret/{shared["secret_key"]}", "passphrase=open+sesame", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ShouldCountAWrongBurnPassphraseAgainstTheSameBudgetAsAReveal()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Secrets:MaxPassphraseAttempts"] = "2",
        });
        using var client = app.CreateClient();
        var shared = await PostAsync(client, "/api/v1/share", "secret=two+tries&passphrase=right+one", HttpStatusCode.OK);

        await PostAsync(client, $"/api/v1/private/{shared["metadata_key"]}/burn", "passphrase=wrong+one", HttpStatusCode.NotFound);
        await PostAsync(client, $"/api/v1/secret/{shared["secret_key"]}", "passphrase=wrong+two", HttpStatusCode.NotFound);
        await PostAsync(client, $"/api/v1/secret/{shared["secret_key"]}", "passphrase=right+one", HttpStatusCode.NotFound);
        var metadata = await (await client.GetAsync($"/api/v1/private/{shared["metadata_key"]}")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(metadata["state"]!.GetValue<string>(), Is.EqualTo("burned"));
    }

    [Test]
    public async Task ShouldSpendTheClientsPassphraseBudget_WhenBurnGuessesThePassphrase()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:PassphraseAttempts:PermitLimit"] = "1",
            ["RateLimits:PassphraseAttempts:WindowSeconds"] = "600",
        });
        using var client = app.CreateClient();
        var shared = await PostAsync(client, "/api/v1/share", "secret=budget&passphrase=right+one", HttpStatusCode.OK);

        await PostAsync(client, $"/api/v1/private/{shared["metadata_key"]}/burn", "passphrase=wrong+one", HttpStatusCode.NotFound);
        var limited = await client.PostAsync($"/api/v1/secret/{shared["secret_key"]}", Form("passphrase=right+one"));

        await limited.ExpectJsonAsync(HttpStatusCode.TooManyRequests);
    }

    // Item 9.
    [Test]
    public async Task ShouldAnswerTheLiveRateLimitMessage_WithRetryAfter()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Create:PermitLimit"] = "1",
            ["RateLimits:Create:WindowSeconds"] = "60",
        });
        using var client = app.CreateClient();
        await PostAsync(client, "/api/v1/share", "secret=first", HttpStatusCode.OK);

        var limited = await client.PostAsync("/api/v1/share", Form("secret=second"));
        var json = await limited.ExpectJsonAsync(HttpStatusCode.TooManyRequests);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Rate limit exceeded. Please try again later."));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(IntendedStatus(limited), Is.EqualTo("429"));
    }

    // Item 10: since 2024 the live service names the real status in a header.
    [Test]
    public async Task ShouldSendTheIntendedStatusHeader_OnEveryError()
    {
        using var wrongCredentials = _app.CreateClient("live-rules@example.org", "not-the-token");
        var responses = new (HttpResponseMessage Response, string Status)[]
        {
            (await _anonymous.PostAsync("/api/v1/share", Form("secret=")), "400"),
            (await wrongCredentials.GetAsync("/api/v1/authcheck"), "401"),
            (await _anonymous.PostAsync("/api/v1/share", Form("secret=x&recipient=fred%40example.org")), "403"),
            (await _anonymous.PostAsync("/api/v1/secret/0123456789abcdefghijklmnopqrstu", Form(string.Empty)), "404"),
            (await _anonymous.PostAsync("/api/v1/share", new StringContent("secret=x", Encoding.UTF8, "text/plain")), "415"),
        };

        foreach (var (response, status) in responses)
        {
            Assert.That(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(status));
            Assert.That(IntendedStatus(response), Is.EqualTo(status), $"{response.RequestMessage!.RequestUri}");
        }

        var ok = await _anonymous.GetAsync("/api/v1/status");
        Assert.That(IntendedStatus(ok), Is.Null, "only errors carry the header");
    }

    [Test]
    public async Task ShouldAnswerEveryErrorWith404AndTheIntendedStatus_WhenTheSettingAsksForIt()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Api:ErrorsAsNotFound"] = "true",
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Generate:PermitLimit"] = "1",
            ["RateLimits:Generate:WindowSeconds"] = "60",
        });
        using var client = app.CreateClient();
        using var wrongCredentials = app.CreateClient("nobody@example.org", "not-the-token");
        await PostAsync(client, "/api/v1/generate", string.Empty, HttpStatusCode.OK);

        var nothing = await client.PostAsync("/api/v1/share", Form("secret="));
        var unauthorized = await wrongCredentials.GetAsync("/api/v1/authcheck");
        var limited = await client.PostAsync("/api/v1/generate", Form(string.Empty));
        var unknown = await client.PostAsync("/api/v1/secret/0123456789abcdefghijklmnopqrstu", Form(string.Empty));

        Assert.That((await nothing.ExpectJsonAsync(HttpStatusCode.NotFound))["message"]!.GetValue<string>(), Is.EqualTo("You did not provide anything to share"));
        Assert.That(IntendedStatus(nothing), Is.EqualTo("400"));
        Assert.That((await unauthorized.ExpectJsonAsync(HttpStatusCode.NotFound))["message"]!.GetValue<string>(), Is.EqualTo("Not authorized"));
        Assert.That(IntendedStatus(unauthorized), Is.EqualTo("401"));
        Assert.That((await limited.ExpectJsonAsync(HttpStatusCode.NotFound))["message"]!.GetValue<string>(), Is.EqualTo("Rate limit exceeded. Please try again later."));
        Assert.That(IntendedStatus(limited), Is.EqualTo("429"));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        await unknown.ExpectJsonAsync(HttpStatusCode.NotFound);
        Assert.That(IntendedStatus(unknown), Is.EqualTo("404"));
        Assert.That((await client.GetAsync("/api/v1/status")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
