using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>
/// The bytes that published v1 clients send, exactly: .NET's WebClient and some Go clients post a form with no
/// Content-Type, Ruby's HTTParty sends <c>recipient[]=</c>, others repeat <c>recipient=</c>, and the official Ruby
/// command line still calls the legacy <c>/api/v1/metadata/...</c> routes.
/// </summary>
public sealed class ClientRequestCompatibilityTests
{
    private OneTimeSecretApp _app = null!;
    private HttpClient _customer = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await OneTimeSecretApp.StartAsync();
        var account = await _app.AddAccountAsync("clients@example.org");
        _customer = _app.CreateClient(account.CustId, account.ApiToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _customer.Dispose();
        await _app.DisposeAsync();
    }

    private static ByteArrayContent Raw(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        if (contentType is null)
        {
            content.Headers.Remove("Content-Type");
        }

        return content;
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        return body;
    }

    private async Task<MetadataRecord> ShareAsync(string secret)
    {
        var json = await BodyAsync(await _customer.PostFormAsync("/api/v1/share", ("secret", secret)), HttpStatusCode.OK);
        var shared = TypedClient.Read<MetadataRecord>(json);
        LogCapture.AddSensitive(shared.SecretKey);
        LogCapture.AddSensitive(shared.MetadataKey);
        return shared;
    }

    [Test]
    public async Task ShouldReadTheBodyAsAForm_WhenAPostHasNoContentType()
    {
        using var content = Raw("secret=sent-by-webclient-4f1c&ttl=3600", contentType: null);
        Assert.That(content.Headers.ContentType, Is.Null, "the request really carries no Content-Type");

        var json = await BodyAsync(await _customer.PostAsync("/api/v1/share", content), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("share", json);
        var shared = TypedClient.Read<MetadataRecord>(json);
        Assert.That(shared.Ttl, Is.EqualTo(3600));
        var revealed = TypedClient.Read<RevealRecord>(await BodyAsync(await _customer.PostAsync($"/api/v1/secret/{shared.SecretKey}", null), HttpStatusCode.OK));
        Assert.That(revealed.Value, Is.EqualTo("sent-by-webclient-4f1c"));
    }

    [Test]
    public async Task ShouldReadThePassphrase_WhenARevealHasNoContentType()
    {
        var shared = TypedClient.Read<MetadataRecord>(await BodyAsync(
            await _customer.PostFormAsync("/api/v1/share", ("secret", "guarded-by-webclient"), ("passphrase", "Passphrase-0c4e")),
            HttpStatusCode.OK));
        using var content = Raw("passphrase=Passphrase-0c4e", contentType: null);

        var json = await BodyAsync(await _customer.PostAsync($"/api/v1/secret/{shared.SecretKey}", content), HttpStatusCode.OK);

        Assert.That(TypedClient.Read<RevealRecord>(json).Value, Is.EqualTo("guarded-by-webclient"));
    }

    [TestCase("text/plain")]
    [TestCase("application/xml")]
    public async Task ShouldStillAnswer415_WhenAContentTypeIsPresentButUnsupported(string contentType)
    {
        using var content = Raw("secret=x", contentType);

        var json = await BodyAsync(await _customer.PostAsync("/api/v1/share", content), HttpStatusCode.UnsupportedMediaType);

        await ApiSchemas.AssertValidAsync("error", json);
    }

    [TestCase("secret=for-httparty-1&recipient[]=a@example.org", 1)]
    [TestCase("secret=for-httparty-2&recipient[]=a@example.org&recipient[]=b@example.org", 2)]
    [TestCase("secret=for-httparty-3&recipient%5B%5D=a@example.org&recipient%5B%5D=b@example.org", 2)]
    [TestCase("secret=repeated-recipient&recipient=a@example.org&recipient=b@example.org", 2)]
    [TestCase("secret=mixed-recipient&recipient=a@example.org&recipient[]=b@example.org", 2)]
    public async Task ShouldSendToEveryRecipient_WhenRecipientsComeAsRackArraysOrRepeated(string body, int recipients)
    {
        using var content = Raw(body, "application/x-www-form-urlencoded");

        var json = await BodyAsync(await _customer.PostAsync("/api/v1/share", content), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("share", json);
        var shared = TypedClient.Read<MetadataRecord>(json);
        Assert.That(shared.Recipient, Has.Length.EqualTo(recipients));
        Assert.That(shared.Recipients, Is.EqualTo(shared.Recipient));
    }

    [TestCase("recipient[]")]
    [TestCase("recipient")]
    public async Task ShouldSendToEveryRecipient_WhenAMultipartFormRepeatsTheRecipient(string name)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("multipart recipients"), "secret" },
            { new StringContent("a@example.org"), name },
            { new StringContent("b@example.org"), name },
        };

        var json = await BodyAsync(await _customer.PostAsync("/api/v1/share", content), HttpStatusCode.OK);

        Assert.That(TypedClient.Read<MetadataRecord>(json).Recipient, Has.Length.EqualTo(2));
    }

    [Test]
    public async Task ShouldSendToEveryRecipient_WhenTheRecipientsComeInTheQueryString()
    {
        var json = await BodyAsync(
            await _customer.PostAsync("/api/v1/share?recipient[]=a@example.org&recipient[]=b@example.org", Raw("secret=query recipients", "application/x-www-form-urlencoded")),
            HttpStatusCode.OK);

        Assert.That(TypedClient.Read<MetadataRecord>(json).Recipient, Has.Length.EqualTo(2));
    }

    [TestCase("secret=a&secret=b", "secret")]
    [TestCase("secret=a&passphrase=b&passphrase=c", "passphrase")]
    [TestCase("secret=a&ttl=60&ttl=600", "ttl")]
    [TestCase("secret=a&secret[]=b", "secret")]
    public async Task ShouldAnswer400_WhenAScalarParameterIsRepeated(string body, string name)
    {
        using var content = Raw(body, "application/x-www-form-urlencoded");

        var json = await BodyAsync(await _customer.PostAsync("/api/v1/share", content), HttpStatusCode.BadRequest);

        Assert.That(TypedClient.Read<ErrorRecord>(json).Message, Is.EqualTo($"Parameter '{name}' was given more than once"));
    }

    [Test]
    public async Task ShouldAnswerLikeThePrivateRoute_WhenTheLegacyMetadataRouteIsUsed()
    {
        var shared = await ShareAsync("legacy metadata route");

        // Both after the first look, so that both answers show the same state.
        await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
        var viaPrivate = await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK);
        var viaGet = await BodyAsync(await _customer.GetAsync($"/api/v1/metadata/{shared.MetadataKey}"), HttpStatusCode.OK);
        var viaPost = await BodyAsync(await _customer.PostAsync($"/api/v1/metadata/{shared.MetadataKey}", null), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("metadata", viaGet);
        Assert.That(viaGet, Is.EqualTo(viaPrivate));
        Assert.That(viaPost, Is.EqualTo(viaPrivate));
    }

    [Test]
    public async Task ShouldBurn_WhenTheLegacyMetadataBurnRouteIsUsed()
    {
        var shared = await ShareAsync("legacy burn route");

        var json = await BodyAsync(await _customer.PostAsync($"/api/v1/metadata/{shared.MetadataKey}/burn", null), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("burn", json);
        var burned = TypedClient.Read<BurnRecord>(json);
        Assert.That(burned.State.State, Is.EqualTo("burned"));
        Assert.That(burned.SecretShortKey, Is.EqualTo(shared.SecretKey![..8]));
        await BodyAsync(await _customer.PostAsync($"/api/v1/secret/{shared.SecretKey}", null), HttpStatusCode.NotFound);
        var after = TypedClient.Read<MetadataRecord>(await BodyAsync(await _customer.GetAsync($"/api/v1/private/{shared.MetadataKey}"), HttpStatusCode.OK));
        Assert.That(after.State, Is.EqualTo("burned"));
    }

    [Test]
    public async Task ShouldListLikeThePrivateRoute_WhenTheLegacyMetadataRecentRouteIsUsed()
    {
        await ShareAsync("legacy recent route");

        var viaPrivate = await BodyAsync(await _customer.GetAsync("/api/v1/private/recent"), HttpStatusCode.OK);
        var viaMetadata = await BodyAsync(await _customer.GetAsync("/api/v1/metadata/recent"), HttpStatusCode.OK);

        await ApiSchemas.AssertValidAsync("recent", viaMetadata);
        Assert.That(TypedClient.Read<MetadataRecord[]>(viaMetadata), Is.Not.Empty);
        Assert.That(viaMetadata, Is.EqualTo(viaPrivate));
    }

    [TestCase("GET", "/api/v1/metadata/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [TestCase("POST", "/api/v1/metadata/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [TestCase("POST", "/api/v1/metadata/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/burn")]
    public async Task ShouldAnswerUnknownSecret_WhenTheLegacyMetadataRouteGetsAnUnknownKey(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var json = await BodyAsync(await _customer.SendAsync(request), HttpStatusCode.NotFound);

        await ApiSchemas.AssertValidAsync("error", json);
        Assert.That(TypedClient.Read<ErrorRecord>(json).Message, Is.EqualTo("Unknown secret"));
    }
}
