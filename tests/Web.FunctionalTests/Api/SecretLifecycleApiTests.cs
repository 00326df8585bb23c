using System.Net;
using System.Text.Json.Nodes;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>Generate, reveal, metadata and burn, through HTTP.</summary>
public sealed class SecretLifecycleApiTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> RevealAsync(string key, string? passphrase = null) =>
        passphrase is null
            ? await _client.PostAsync($"/api/v1/secret/{key}", null)
            : await _client.PostFormAsync($"/api/v1/secret/{key}", ("passphrase", passphrase));

    [Test]
    public async Task ShouldRevealTheValueOnce_ThenAnswerUnknownSecret()
    {
        var shared = await _client.ShareAsync("s3cr3t value");
        var key = shared["secret_key"]!.GetValue<string>();

        var first = await (await RevealAsync(key)).ExpectJsonAsync(HttpStatusCode.OK);
        var second = await (await RevealAsync(key)).ExpectJsonAsync(HttpStatusCode.NotFound);

        Assert.That(first.ToJsonString(), Is.EqualTo(new JsonObject { ["value"] = "s3cr3t value", ["secret_key"] = key, ["share_domain"] = "" }.ToJsonString()));
        Assert.That(second.ToJsonString(), Is.EqualTo(new JsonObject { ["message"] = "Unknown secret", ["secret_key"] = key }.ToJsonString()));
    }

    [Test]
    public async Task ShouldKeepTheSecret_WhenThePassphraseIsWrong()
    {
        var shared = await _client.ShareAsync("behind a passphrase", ("passphrase", "correct"));
        var key = shared["secret_key"]!.GetValue<string>();

        var wrong = await (await RevealAsync(key, "incorrect")).ExpectJsonAsync(HttpStatusCode.NotFound);
        var missing = await (await RevealAsync(key)).ExpectJsonAsync(HttpStatusCode.NotFound);
        var right = await (await RevealAsync(key, "correct")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(wrong["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        Assert.That(missing["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        Assert.That(right["value"]!.GetValue<string>(), Is.EqualTo("behind a passphrase"));
    }

    [Test]
    public async Task ShouldHandleLongPassphrasesWhole_WhenTheyExceedBcryptsLimit()
    {
        var passphrase = new string('p', 100) + "-end";
        var shared = await _client.ShareAsync("long passphrase", ("passphrase", passphrase));
        var key = shared["secret_key"]!.GetValue<string>();

        var almost = await RevealAsync(key, new string('p', 100) + "-END");
        var right = await RevealAsync(key, passphrase);

        await almost.ExpectJsonAsync(HttpStatusCode.NotFound);
        await right.ExpectJsonAsync(HttpStatusCode.OK);
    }

    [TestCase("short")]
    [TestCase("0123456789abcdefghijklmnopqrstu")]
    [TestCase("UPPERCASEKEYUPPERCASEKEYUPPERCA")]
    [TestCase("a/b/c")]
    [TestCase("..%2F..%2Fetc%2Fpasswd")]
    public async Task ShouldAnswerUnknownSecretWithTheKeyAsSent_WhenTheKeyNamesNothing(string key)
    {
        var json = await (await RevealAsync(key)).ExpectJsonAsync(HttpStatusCode.NotFound);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        Assert.That(json["secret_key"], Is.Not.Null);
    }

    [Test]
    public async Task ShouldAnswerUnknownSecret_WhenTheKeyIsTenThousandCharacters()
    {
        var json = await (await RevealAsync(new string('a', 10_000))).ExpectJsonAsync(HttpStatusCode.NotFound);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
    }

    [Test]
    public async Task ShouldAnswerUnknownSecret_WhenTheSecretHasExpired()
    {
        var shared = await _client.ShareAsync("expiring", ("ttl", "60"));
        _app.Clock.Advance(TimeSpan.FromSeconds(61));

        var json = await (await RevealAsync(shared["secret_key"]!.GetValue<string>())).ExpectJsonAsync(HttpStatusCode.NotFound);
        var metadata = await (await _client.GetAsync($"/api/v1/private/{shared["metadata_key"]}")).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        Assert.That(metadata["state"]!.GetValue<string>(), Is.EqualTo("expired"));
    }

    [Test]
    public async Task ShouldGenerateAPassword_AndRevealIt()
    {
        var generated = await (await _client.PostFormAsync("/api/v1/generate", ("ttl", "3600"))).ExpectJsonAsync(HttpStatusCode.OK);
        var value = generated["value"]!.GetValue<string>();

        var revealed = await (await RevealAsync(generated["secret_key"]!.GetValue<string>())).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(value, Does.Match("^[A-HJ-NP-Za-km-z2-9]{12}$"));
        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo(value));
        Assert.That(generated["ttl"]!.GetValue<long>(), Is.EqualTo(3600));
        Assert.That(generated["state"]!.GetValue<string>(), Is.EqualTo("new"));
    }

    [Test]
    public async Task ShouldShowTheMetadata_ThroughGetAndPostOfPrivateAndReceipt()
    {
        var shared = await _client.ShareAsync("metadata");
        var metadataKey = shared["metadata_key"]!.GetValue<string>();

        var viaPost = await (await _client.PostAsync($"/api/v1/private/{metadataKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var viaGet = await (await _client.GetAsync($"/api/v1/private/{metadataKey}")).ExpectJsonAsync(HttpStatusCode.OK);
        var receipt = await (await _client.GetAsync($"/api/v1/receipt/{metadataKey}")).ExpectJsonAsync(HttpStatusCode.OK);
        var receiptPost = await (await _client.PostAsync($"/api/v1/receipt/{metadataKey}", null)).ExpectJsonAsync(HttpStatusCode.OK);

        foreach (var json in new[] { viaPost, viaGet, receipt, receiptPost })
        {
            Assert.That(json["metadata_key"]!.GetValue<string>(), Is.EqualTo(metadataKey));
            Assert.That(json["secret_key"]!.GetValue<string>(), Is.EqualTo(shared["secret_key"]!.GetValue<string>()));
            Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo(json == viaPost ? "new" : "viewed"));
        }
    }

    [Test]
    public async Task ShouldShowReceivedWithoutTheKey_AfterTheSecretIsRead()
    {
        var shared = await _client.ShareAsync("read me");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        await (await RevealAsync(shared["secret_key"]!.GetValue<string>())).ExpectJsonAsync(HttpStatusCode.OK);

        var json = await (await _client.PostAsync($"/api/v1/private/{shared["metadata_key"]}", null)).ExpectJsonAsync(HttpStatusCode.OK);

        Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("received"));
        Assert.That(json.AsObject().ContainsKey("secret_key"), Is.False);
        Assert.That(json.AsObject().ContainsKey("secret_ttl"), Is.False);
        Assert.That(json.AsObject().ContainsKey("share_url"), Is.False);
        Assert.That(json["received"]!.GetValue<long>(), Is.EqualTo(_app.Clock.GetUtcNow().ToUnixTimeSeconds()));
    }

    [Test]
    public async Task ShouldBurnTheSecret_AndAnswerTheBurnedMetadataAsState()
    {
        var shared = await _client.ShareAsync("burn me");
        var secretKey = shared["secret_key"]!.GetValue<string>();
        var metadataKey = shared["metadata_key"]!.GetValue<string>();

        var burned = await (await _client.PostAsync($"/api/v1/private/{metadataKey}/burn", null)).ExpectJsonAsync(HttpStatusCode.OK);
        var reveal = await RevealAsync(secretKey);
        var again = await (await _client.PostAsync($"/api/v1/receipt/{metadataKey}/burn", null)).ExpectJsonAsync(HttpStatusCode.NotFound);

        Assert.That(burned["state"]!["state"]!.GetValue<string>(), Is.EqualTo("burned"));
        Assert.That(burned["state"]!["metadata_key"]!.GetValue<string>(), Is.EqualTo(metadataKey));
        Assert.That(burned["secret_shortkey"]!.GetValue<string>(), Is.EqualTo(secretKey[..8]));
        await reveal.ExpectJsonAsync(HttpStatusCode.NotFound);
        Assert.That(again.ToJsonString(), Is.EqualTo("{\"message\":\"Unknown secret\"}"));
    }

    [TestCase("nosuchmetadatakeynosuchmetadata")]
    [TestCase("short")]
    public async Task ShouldAnswerUnknownSecretWithoutAKey_WhenTheMetadataKeyIsUnknown(string metadataKey)
    {
        var get = await (await _client.GetAsync($"/api/v1/private/{metadataKey}")).ExpectJsonAsync(HttpStatusCode.NotFound);
        var burn = await (await _client.PostAsync($"/api/v1/private/{metadataKey}/burn", null)).ExpectJsonAsync(HttpStatusCode.NotFound);

        Assert.That(get.ToJsonString(), Is.EqualTo("{\"message\":\"Unknown secret\"}"));
        Assert.That(burn.ToJsonString(), Is.EqualTo("{\"message\":\"Unknown secret\"}"));
    }

    [Test]
    public async Task ShouldAnswerJsonNotFound_ForUnknownApiPaths()
    {
        var json = await (await _client.GetAsync("/api/v1/nothing/here")).ExpectJsonAsync(HttpStatusCode.NotFound);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Not Found"));
    }

    [Test]
    public async Task ShouldAnswerJson405_WhenTheMethodIsWrong()
    {
        await (await _client.GetAsync("/api/v1/share")).ExpectJsonAsync(HttpStatusCode.MethodNotAllowed);
    }
}
