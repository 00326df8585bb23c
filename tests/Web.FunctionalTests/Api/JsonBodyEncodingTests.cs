using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>
/// JSON text that is not valid Unicode: a lone surrogate escape (legal JSON syntax, but no UTF-8 string) and raw
/// Latin-1 bytes. Each is a client's mistake: 400, nothing stored, nothing logged above Warning.
/// </summary>
public sealed class JsonBodyEncodingTests
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

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return content;
    }

    private async Task<int> StoredSecretsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Secrets.CountAsync();
    }

    private static int LinesAboveWarning() =>
        LogCapture.AllLines.Count(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));

    private async Task ExpectRefusedAsync(string path, byte[] body)
    {
        var stored = await StoredSecretsAsync();
        var loud = LinesAboveWarning();

        var json = await (await _client.PostAsync(path, Json(body))).ExpectJsonAsync(HttpStatusCode.BadRequest);

        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Parameters must be valid UTF-8"));
        Assert.That(await StoredSecretsAsync(), Is.EqualTo(stored), "nothing is stored");
        Assert.That(LinesAboveWarning(), Is.EqualTo(loud), "nothing is logged above Warning");
    }

    [TestCase("""{"secret":"a\ud800b"}""")]
    [TestCase("""{"secret":"a\udc00b"}""")]
    [TestCase("""{"secret":"\ud800"}""")]
    [TestCase("""{"secret":["a\ud800b"]}""")]
    [TestCase("""{"secret":"x","recipient":["a@example.org\udfff"]}""")]
    public Task ShouldAnswer400_WhenAJsonValueHoldsALoneSurrogate(string body) =>
        ExpectRefusedAsync("/api/v1/share", Encoding.ASCII.GetBytes(body));

    [TestCase("""{"secret":"x","a\ud800b":"y"}""")]
    [TestCase("""{"\ud800":"x"}""")]
    public Task ShouldAnswer400_WhenAJsonPropertyNameHoldsALoneSurrogate(string body) =>
        ExpectRefusedAsync("/api/v1/share", Encoding.ASCII.GetBytes(body));

    [Test]
    public async Task ShouldAnswer400AndKeepTheSecret_WhenARevealPassphraseHoldsALoneSurrogate()
    {
        var shared = await _client.ShareAsync("kept-despite-surrogate", ("passphrase", "Passphrase-77e1"));
        var key = shared["secret_key"]!.GetValue<string>();

        await ExpectRefusedAsync($"/api/v1/secret/{key}", Encoding.ASCII.GetBytes("""{"passphrase":"Pass\ud800"}"""));

        var revealed = await (await _client.PostFormAsync($"/api/v1/secret/{key}", ("passphrase", "Passphrase-77e1"))).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(revealed["value"]!.GetValue<string>(), Is.EqualTo("kept-despite-surrogate"));
    }

    [Test]
    public Task ShouldAnswer400_WhenAJsonStringHoldsLatin1Bytes() =>
        ExpectRefusedAsync("/api/v1/share", [.. "{\"secret\":\"caf"u8, 0xE9, .. "\"}"u8]);

    [Test]
    public Task ShouldAnswer400_WhenAJsonPropertyNameHoldsLatin1Bytes() =>
        ExpectRefusedAsync("/api/v1/share", [.. "{\"secret\":\"x\",\"caf"u8, 0xE9, .. "\":\"y\"}"u8]);
}
