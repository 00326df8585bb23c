using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>
/// Clients written for onetimesecret.com's API v1 must work unchanged: every answer is checked against the JSON
/// Schemas in docs/api/v1 and read by strict typed records (a number sent as a string fails).
/// </summary>
public sealed class WireCompatibilityTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _customer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _anonymous = _app.CreateClient();
        var account = await _app.AddAccountAsync("compat@example.org");
        _customer = _app.CreateClient(account.CustId, account.ApiToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _anonymous.Dispose();
        _customer.Dispose();
        await _app.DisposeAsync();
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        return body;
    }

    [Test]
    public void ShouldRejectStringNumbers_WhenATypedClientReadsThem()
    {
        const string seedsShape = """{"custid":"USERNAME","metadata_key":"qjpjroeit8wra0ojeyhcw5pjsgwtuq7","secret_key":"153l8vbwqx5taskp92pf05uvgjefvu9","ttl":"3600","share_domain":"","updated":"1324174006","created":"1324174006"}""";

        Assert.Throws<JsonException>(() => TypedClient.Read<MetadataRecord>(seedsShape));
    }

    [TestCase("share")]
    [TestCase("metadata")]
    [TestCase("generate")]
    public async Task ShouldRejectTheSeedsStringNumbers_WhenTheSchemasCheckThem(string schema)
    {
        const string seedsShape = """{"custid":"USERNAME","value":"3Rg8R2sfD3?a","metadata_key":"2b6bjmudhmtiqjn2qmdaqjkqxp323gi","secret_key":"pgcdv7org3vtdurif809sygnt0mstw6","ttl":"3600","share_domain":"","updated":"1324174095","created":"1324174095"}""";

        var errors = await ApiSchemas.ValidateAsync(schema, seedsShape);

        Assert.That(errors, Is.Not.Empty);
    }

    [Test]
    public async Task ShouldMatchTheSchemas_ForShareCreateMetadataRevealAndReceivedMetadata()
    {
        foreach (var path in new[] { "/api/v1/share", "/api/v1/create" })
        {
            var shareJson = await BodyAsync(await _customer.PostFormAsync(path, ("secret", "compat"), ("ttl", "3600"), ("recipient", "someone@example.org")), HttpStatusCode.OK);
            await ApiSchemas.AssertValidAsync("share", shareJson);
            var shared = TypedClient.Read<MetadataRecord>(shareJson);
            Assert.That(shared.Ttl, Is.EqualTo(3600));
            Assert.That(shared.Recipient, Is.EqualTo(new[] { "so*****@e*****.org" }));
            Assert.That(shared.Recipients, Is.EqualTo(shared.Recipient));
            Assert.That(shared.Identifier, Is.EqualTo(shared.MetadataKey));
            Assert.That(shared.ReceiptTtl, Is.EqualTo(shared.MetadataTtl));
            Assert.That(shared.ShareUrl, Is.EqualTo($"http://localhost/secret/{shared.SecretKey}"));
            Assert.That(shared.MetadataUrl, Is.EqualTo($"http://localhost/private/{shared.MetadataKey}"));

            var metadataJson = await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
            await ApiSchemas.AssertValidAsync("metadata", metadataJson);
            Assert.That(TypedClient.Read<MetadataRecord>(metadataJson).State, Is.EqualTo("new"));

            var revealJson = await BodyAsync(await _anonymous.PostAsync($"/api/v1/secret/{shared.SecretKey}", null), HttpStatusCode.OK);
            await ApiSchemas.AssertValidAsync("secret", revealJson);
            Assert.That(TypedClient.Read<RevealRecord>(revealJson).Value, Is.EqualTo("compat"));

            var receivedJson = await BodyAsync(await _customer.PostAsync($"/api/v1/receipt/{shared.MetadataKey}", null), HttpStatusCode.OK);
            await ApiSchemas.AssertValidAsync("metadata", receivedJson);
            var received = TypedClient.Read<MetadataRecord>(receivedJson);
            Assert.That(received.State, Is.EqualTo("received"));
            Assert.That(received.SecretKey, Is.Null);
            Assert.That(received.Received, Is.Not.Null);
        }
    }

    [Test]
    public async Task ShouldWriteTheFieldsInTheLiveServicesOrder_InEveryStateOfTheMetadata()
    {
        var shared = TypedClient.Read<MetadataRecord>(await BodyAsync(await _customer.PostFormAsync("/api/v1/share", ("secret", "in order"), ("recipient", "order@example.org")), HttpStatusCode.OK));
        var sharedJson = await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
        await BodyAsync(await _anonymous.PostAsync($"/api/v1/secret/{shared.SecretKey}", null), HttpStatusCode.OK);
        var receivedJson = await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
        var recentJson = await BodyAsync(await _customer.GetAsync("/api/v1/private/recent"), HttpStatusCode.OK);
        var generatedJson = await BodyAsync(await _anonymous.PostFormAsync("/api/v1/generate", ("ttl", "600")), HttpStatusCode.OK);

        static string[] Keys(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToArray();
        var recentEntry = System.Text.Json.Nodes.JsonNode.Parse(recentJson)!.AsArray().First(m => m!["metadata_key"]!.GetValue<string>() == shared.MetadataKey)!;

        Assert.That(Keys(sharedJson), Is.EqualTo(new[]
        {
            "custid", "metadata_key", "secret_key", "ttl", "metadata_ttl", "secret_ttl", "state", "updated", "created", "recipient",
            "share_domain", "passphrase_required", "email_status", "identifier", "secret_identifier", "recipients", "receipt_ttl",
            "has_passphrase", "share_url", "metadata_url", "receipt_url",
        }));
        Assert.That(Keys(receivedJson), Is.EqualTo(new[]
        {
            "custid", "metadata_key", "ttl", "metadata_ttl", "state", "updated", "created", "received", "recipient", "share_domain",
            "passphrase_required", "email_status", "identifier", "recipients", "receipt_ttl", "has_passphrase", "metadata_url", "receipt_url",
        }));
        Assert.That(recentEntry.AsObject().Select(p => p.Key), Is.EqualTo(new[]
        {
            "custid", "metadata_key", "secret_key", "ttl", "metadata_ttl", "state", "updated", "created", "received", "recipient",
            "share_domain", "passphrase_required", "email_status", "identifier", "secret_identifier", "recipients", "receipt_ttl",
            "has_passphrase", "metadata_url", "receipt_url",
        }));
        Assert.That(Keys(generatedJson), Is.EqualTo(new[]
        {
            "custid", "metadata_key", "secret_key", "ttl", "metadata_ttl", "secret_ttl", "state", "updated", "created", "recipient",
            "share_domain", "passphrase_required", "identifier", "secret_identifier", "recipients", "receipt_ttl", "has_passphrase",
            "share_url", "metadata_url", "receipt_url", "value",
        }));
    }

    [Test]
    public async Task ShouldCarryTheCreatorsNote_InEveryMetadataAnswer_AndNeverInTheReveal()
    {
        const string note = "db password for Anna";
        var shareJson = await BodyAsync(await _customer.PostFormAsync("/api/v1/share", ("secret", "noted"), ("note", note)), HttpStatusCode.OK);
        var shared = TypedClient.Read<MetadataRecord>(shareJson);
        var metadataJson = await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
        var recentJson = await BodyAsync(await _customer.GetAsync("/api/v1/private/recent"), HttpStatusCode.OK);
        var revealJson = await BodyAsync(await _anonymous.PostAsync($"/api/v1/secret/{shared.SecretKey}", null), HttpStatusCode.OK);
        var receivedJson = await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
        var generatedJson = await BodyAsync(await _anonymous.PostFormAsync("/api/v1/generate", ("note", note)), HttpStatusCode.OK);
        var generated = TypedClient.Read<MetadataRecord>(generatedJson);
        var burnJson = await BodyAsync(await _anonymous.PostAsync($"/api/v1/private/{generated.MetadataKey}/burn", null), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("share", shareJson);
        await ApiSchemas.AssertValidAsync("metadata", metadataJson);
        await ApiSchemas.AssertValidAsync("metadata", receivedJson);
        await ApiSchemas.AssertValidAsync("recent", recentJson);
        await ApiSchemas.AssertValidAsync("generate", generatedJson);
        await ApiSchemas.AssertValidAsync("burn", burnJson);
        await ApiSchemas.AssertValidAsync("secret", revealJson);
        Assert.That(shared.Note, Is.EqualTo(note));
        Assert.That(TypedClient.Read<MetadataRecord>(metadataJson).Note, Is.EqualTo(note));
        Assert.That(TypedClient.Read<MetadataRecord>(receivedJson).Note, Is.EqualTo(note), "kept after the reveal");
        Assert.That(generated.Note, Is.EqualTo(note));
        Assert.That(TypedClient.Read<BurnRecord>(burnJson).State.Note, Is.EqualTo(note));
        var recent = TypedClient.Read<MetadataRecord[]>(recentJson);
        Assert.That(recent.Single(m => m.MetadataKey == shared.MetadataKey).Note, Is.EqualTo(note));
        Assert.That(revealJson, Does.Not.Contain(note), "the recipient never sees it");

        // An addition: written last, after every field a v1 client knows.
        static string Last(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject().Last().Key;
        Assert.That(Last(shareJson), Is.EqualTo("note"));
        Assert.That(Last(generatedJson), Is.EqualTo("note"));
    }

    [Test]
    public async Task ShouldMatchTheSchema_WhenTheNoteIsTooLongForIt()
    {
        // Counter-example: the schema itself holds the note to 100 characters.
        var json = await BodyAsync(await _anonymous.PostFormAsync("/api/v1/share", ("secret", "noted"), ("note", "short")), HttpStatusCode.OK);
        var tampered = json.Replace("\"note\":\"short\"", $"\"note\":\"{new string('n', 101)}\"", StringComparison.Ordinal);

        Assert.That(tampered, Is.Not.EqualTo(json));
        Assert.That(await ApiSchemas.ValidateAsync("share", tampered), Is.Not.Empty);
    }

    [Test]
    public async Task ShouldMatchTheSchemas_ForGenerate()
    {
        var json = await BodyAsync(await _anonymous.PostFormAsync("/api/v1/generate", ("ttl", "600")), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("generate", json);
        var generated = TypedClient.Read<MetadataRecord>(json);
        Assert.That(generated.Value, Has.Length.EqualTo(12));
        Assert.That(generated.Ttl, Is.EqualTo(600));
    }

    [Test]
    public async Task ShouldMatchTheSchemas_ForBurnWithTheMetadataAsState()
    {
        var shared = TypedClient.Read<MetadataRecord>(await BodyAsync(await _anonymous.PostFormAsync("/api/v1/share", ("secret", "burn")), HttpStatusCode.OK));

        foreach (var (path, status) in new[] { ($"/api/v1/private/{shared.MetadataKey}/burn", HttpStatusCode.OK), ($"/api/v1/receipt/{shared.MetadataKey}/burn", HttpStatusCode.NotFound) })
        {
            var json = await BodyAsync(await _anonymous.PostAsync(path, null), status);
            if (status == HttpStatusCode.OK)
            {
                await ApiSchemas.AssertValidAsync("burn", json);
                var burned = TypedClient.Read<BurnRecord>(json);
                Assert.That(burned.State.State, Is.EqualTo("burned"));
                Assert.That(burned.SecretShortKey, Is.EqualTo(shared.SecretKey![..8]));
            }
            else
            {
                await ApiSchemas.AssertValidAsync("error", json);
                Assert.That(TypedClient.Read<ErrorRecord>(json).Message, Is.EqualTo("Unknown secret"));
            }
        }
    }

    [Test]
    public async Task ShouldMatchTheSchemas_ForRecentStatusAndAuthcheck()
    {
        await _customer.PostFormAsync("/api/v1/share", ("secret", "listed"));

        var recentJson = await BodyAsync(await _customer.GetAsync("/api/v1/private/recent"), HttpStatusCode.OK);
        var statusJson = await BodyAsync(await _anonymous.GetAsync("/api/v1/status"), HttpStatusCode.OK);
        var authJson = await BodyAsync(await _customer.GetAsync("/api/v1/authcheck"), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("recent", recentJson);
        Assert.That(TypedClient.Read<MetadataRecord[]>(recentJson), Is.Not.Empty.And.All.Matches<MetadataRecord>(m => m.SecretKey == null));
        await ApiSchemas.AssertValidAsync("status", statusJson);
        Assert.That(TypedClient.Read<StatusRecord>(statusJson).Status, Is.EqualTo("nominal"));
        await ApiSchemas.AssertValidAsync("authcheck", authJson);
        Assert.That(TypedClient.Read<AuthCheckRecord>(authJson).CustId, Is.EqualTo("compat@example.org"));
    }

    [TestCase("/api/v1/secret/tooshort", "Unknown secret")]
    [TestCase("/api/v1/secret/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "Unknown secret")]
    [TestCase("/api/v1/private/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "Unknown secret")]
    public async Task ShouldUseTheLiveServicesWording_ForNotFoundErrors(string path, string message)
    {
        var json = await BodyAsync(await _anonymous.PostAsync(path, null), HttpStatusCode.NotFound);

        await ApiSchemas.AssertValidAsync("error", json);
        var error = TypedClient.Read<ErrorRecord>(json);
        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error.SecretKey, path.Contains("/secret/", StringComparison.Ordinal) ? Is.EqualTo(path.Split('/')[^1]) : Is.Null);
    }

    [Test]
    public async Task ShouldUseTheLiveServicesWording_ForOtherErrors()
    {
        using var wrong = _app.CreateClient("compat@example.org", "not-the-token");

        var unauthorized = await BodyAsync(await wrong.PostFormAsync("/api/v1/share", ("secret", "x")), HttpStatusCode.Unauthorized);
        var nothing = await BodyAsync(await _anonymous.PostFormAsync("/api/v1/share", ("secret", "")), HttpStatusCode.BadRequest);
        var tooLarge = await BodyAsync(await _anonymous.PostFormAsync("/api/v1/share", ("secret", new string('x', 1001))), HttpStatusCode.RequestEntityTooLarge);

        foreach (var json in new[] { unauthorized, nothing, tooLarge })
        {
            await ApiSchemas.AssertValidAsync("error", json);
        }

        Assert.That(TypedClient.Read<ErrorRecord>(unauthorized).Message, Is.EqualTo("Not authorized"));
        Assert.That(TypedClient.Read<ErrorRecord>(nothing).Message, Is.EqualTo("You did not provide anything to share"));
        Assert.That(TypedClient.Read<ErrorRecord>(tooLarge).Message, Is.EqualTo("Secret value exceeds the maximum size of 1000 bytes"));
    }
}

/// <summary>The curl examples of the API documentation (../shared/seeds), sent exactly as written.</summary>
public sealed class SeedCurlExampleTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        _client = _app.CreateClient();

        // The examples authenticate as USERNAME with the token APITOKEN: make that account exist.
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AddCustomerCommand("USERNAME", "basic"));
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IKeyHasher>();
        var customer = await db.Customers.Include(c => c.ApiTokens).SingleAsync(c => c.CustId == "username");
        customer.AddApiToken(hasher.Hash("APITOKEN"), _app.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(CurlExample example)
    {
        using var request = example.ToRequest();
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' -d 'secret=SECRET&ttl=NUMBER_IN_SECONDS' https://us.onetimesecret.com/api/v1/share", "username", 604800)]
    [TestCase("$ curl -X POST -d 'secret=SECRET&ttl=3600' https://us.onetimesecret.com/api/v1/share", "anon", 3600)]
    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' -d 'secret=SECRET&ttl=NUMBER_IN_SECONDS' https://onetime.is.sa/api/v1/share", "username", 604800)]
    public async Task ShouldShareAsDocumented_WhenTheShareExampleIsSentAsWritten(string commandLine, string custId, long ttl)
    {
        var (status, body) = await SendAsync(CurlExample.Parse(commandLine));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        await ApiSchemas.AssertValidAsync("share", body);
        var shared = TypedClient.Read<MetadataRecord>(body);
        Assert.That(shared.CustId, Is.EqualTo(custId));
        Assert.That(shared.Ttl, Is.EqualTo(ttl));
    }

    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' -d 'ttl=NUMBER_IN_SECONDS' https://us.onetimesecret.com/api/v1/generate")]
    [TestCase("$ curl -X POST -d 'ttl=3600' https://us.onetimesecret.com/api/v1/generate")]
    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' -d 'ttl=NUMBER_IN_SECONDS' https://onetime.is.sa/api/v1/generate")]
    public async Task ShouldGenerateAsDocumented_WhenTheGenerateExampleIsSentAsWritten(string commandLine)
    {
        var (status, body) = await SendAsync(CurlExample.Parse(commandLine));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        await ApiSchemas.AssertValidAsync("generate", body);
        Assert.That(TypedClient.Read<MetadataRecord>(body).Value, Has.Length.EqualTo(12));
    }

    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/secret/SECRET_KEY")]
    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/private/METADATA_KEY")]
    [TestCase("$ curl -X POST -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/private/METADATA_KEY/burn")]
    public async Task ShouldAnswerUnknownSecret_WhenAKeyExampleIsSentWithItsPlaceholder(string commandLine)
    {
        var (status, body) = await SendAsync(CurlExample.Parse(commandLine));

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), body);
        await ApiSchemas.AssertValidAsync("error", body);
        Assert.That(TypedClient.Read<ErrorRecord>(body).Message, Is.EqualTo("Unknown secret"));
    }

    [Test]
    public async Task ShouldWorkAsDocumented_WhenTheKeyExamplesAreSentWithRealKeys()
    {
        var share = CurlExample.Parse("$ curl -X POST -u 'USERNAME:APITOKEN' -d 'secret=SECRET&ttl=NUMBER_IN_SECONDS' https://onetime.is.sa/api/v1/share");
        var shared = TypedClient.Read<MetadataRecord>((await SendAsync(share)).Body);

        var metadata = await SendAsync(CurlExample.Parse("$ curl -X POST -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/private/METADATA_KEY").With("METADATA_KEY", shared.MetadataKey));
        var reveal = await SendAsync(CurlExample.Parse("$ curl -X POST -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/secret/SECRET_KEY").With("SECRET_KEY", shared.SecretKey!));
        var recent = await SendAsync(CurlExample.Parse("$ curl -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/private/recent"));
        var second = TypedClient.Read<MetadataRecord>((await SendAsync(share)).Body);
        var burn = await SendAsync(CurlExample.Parse("$ curl -X POST -u 'USERNAME:APITOKEN' https://onetime.is.sa/api/v1/private/METADATA_KEY/burn").With("METADATA_KEY", second.MetadataKey));

        Assert.That(metadata.Status, Is.EqualTo(HttpStatusCode.OK), metadata.Body);
        await ApiSchemas.AssertValidAsync("metadata", metadata.Body);
        Assert.That(reveal.Status, Is.EqualTo(HttpStatusCode.OK), reveal.Body);
        await ApiSchemas.AssertValidAsync("secret", reveal.Body);
        Assert.That(TypedClient.Read<RevealRecord>(reveal.Body).Value, Is.EqualTo("SECRET"));
        Assert.That(recent.Status, Is.EqualTo(HttpStatusCode.OK), recent.Body);
        await ApiSchemas.AssertValidAsync("recent", recent.Body);
        Assert.That(burn.Status, Is.EqualTo(HttpStatusCode.OK), burn.Body);
        await ApiSchemas.AssertValidAsync("burn", burn.Body);
    }
}
