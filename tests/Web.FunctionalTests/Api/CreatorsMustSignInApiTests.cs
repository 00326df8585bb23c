using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>
/// <c>Secrets:CreatorsMustSignIn=true</c> over the API: anonymous calls that create get the API's usual 401, API
/// tokens still create, and links (revealing a secret, answering a request) never need an account.
/// </summary>
public sealed class CreatorsMustSignInApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _account = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["Secrets:CreatorsMustSignIn"] = "true" });
        _anonymous = _app.CreateClient();
        var issued = await _app.AddAccountAsync("creator@example.org");
        _account = _app.CreateClient(issued.CustId, issued.ApiToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _anonymous.Dispose();
        _account.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/api/v1/share", "secret", "hunter2")]
    [TestCase("/api/v1/generate", "ttl", "3600")]
    [TestCase("/api/v1/requests", "note", "the staging password")]
    public async Task ShouldAnswerNotAuthorized_WhenAnAnonymousCallerCreates(string path, string field, string value)
    {
        var response = await _anonymous.PostFormAsync(path, (field, value));

        var json = await response.ExpectJsonAsync(HttpStatusCode.Unauthorized);
        Assert.That(json.ToJsonString(), Is.EqualTo("""{"message":"Not authorized"}"""));
    }

    [TestCase("/api/v1/share", "secret", "hunter2")]
    [TestCase("/api/v1/generate", "ttl", "3600")]
    [TestCase("/api/v1/requests", "note", "the staging password")]
    public async Task ShouldCreate_WhenAnApiTokenCalls(string path, string field, string value)
    {
        var response = await _account.PostFormAsync(path, (field, value));

        var json = await response.ExpectJsonAsync(HttpStatusCode.OK);
        LogCapture.AddSensitive(json["secret_key"]?.GetValue<string>());
        LogCapture.AddSensitive(json["metadata_key"]?.GetValue<string>());
        LogCapture.AddSensitive(json["request_key"]?.GetValue<string>());
        LogCapture.AddSensitive(json["value"]?.GetValue<string>());
    }

    [Test]
    public async Task ShouldRevealASecret_WhenAnAnonymousCallerHasItsLink()
    {
        var created = await _account.ShareAsync("hunter2");

        var revealed = await (await _anonymous.PostAsync($"/api/v1/secret/{created["secret_key"]!.GetValue<string>()}", null)).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("hunter2"));
    }

    [Test]
    public async Task ShouldTakeAnAnswer_WhenAnAnonymousCallerHasTheRequestsLink()
    {
        var request = await (await _account.PostFormAsync("/api/v1/requests", ("note", "the vpn key"))).ExpectJsonAsync(HttpStatusCode.OK);
        var key = request["request_key"]!.GetValue<string>();
        LogCapture.AddSensitive(key);

        var answered = await _anonymous.PostFormAsync($"/api/v1/requests/{key}/answer", ("secret", "vpn key 1234"));

        await answered.ExpectJsonAsync(HttpStatusCode.OK);
    }
}
