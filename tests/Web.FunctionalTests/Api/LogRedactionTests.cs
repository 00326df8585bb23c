using System.Net;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.FunctionalTests.Api;

/// <summary>A full round of every endpoint with marked values, then a search of the logs for them.</summary>
public sealed class LogRedactionTests
{
    [Test]
    public async Task ShouldLogNoValuePassphraseTokenAddressOrFullKey_WhenEveryEndpointIsUsed()
    {
        await using var app = await OneTimeSecretApp.StartAsync();
        var account = await app.AddAccountAsync("log-scan-owner@example.org");
        using var client = app.CreateClient(account.CustId, account.ApiToken);
        using var wrong = app.CreateClient(account.CustId, "wrong-token-5e1d0c9b");
        const string value = "LogScanValue-2b7c41e9";
        const string passphrase = "LogScanPassphrase-93d1f0";
        const string recipient = "log-scan-recipient@example.net";

        var shared = await client.ShareAsync(value, ("passphrase", passphrase), ("recipient", recipient));
        var secretKey = shared["secret_key"]!.GetValue<string>();
        var metadataKey = shared["metadata_key"]!.GetValue<string>();
        await client.GetAsync($"/api/v1/private/{metadataKey}");
        await client.PostFormAsync($"/api/v1/secret/{secretKey}", ("passphrase", "LogScanWrongGuess-77aa"));
        await client.PostFormAsync($"/api/v1/secret/{secretKey}", ("passphrase", passphrase));
        await client.PostAsync($"/api/v1/private/{metadataKey}/burn", null);
        await client.GetAsync("/api/v1/private/recent");
        await client.GetAsync("/api/v1/authcheck");
        await wrong.GetAsync("/api/v1/authcheck");
        var generated = await (await client.PostFormAsync("/api/v1/generate", ("passphrase", passphrase))).ReadJsonAsync();
        await client.PostAsync("/api/v1/share", new StringContent("secret=a&secret=b", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));

        string[] neverLogged =
        [
            value, passphrase, recipient, "LogScanWrongGuess-77aa", account.ApiToken, "wrong-token-5e1d0c9b", "log-scan-owner@example.org",
            secretKey, metadataKey, generated["value"]!.GetValue<string>(), generated["secret_key"]!.GetValue<string>(),
        ];
        var requestLines = LogCapture.LinesContaining("OneTimeSecret.Requests").ToList();
        Assert.That(requestLines, Has.Some.Contains($"/api/v1/secret/{secretKey[..4]}…"), "requests are logged, with keys cut short");
        foreach (var text in neverLogged)
        {
            Assert.That(LogCapture.LinesContaining(text), Is.Empty, $"'{text}' was logged");
        }
    }

    [TestCase("/api/v1/secret/abcdefghijklmnopqrstuvwxyz01234", "/api/v1/secret/abcd…")]
    [TestCase("/api/v1/private/abcdefghijklmnopqrstuvwxyz01234/burn", "/api/v1/private/abcd…/burn")]
    [TestCase("/api/v1/private/recent", "/api/v1/private/recent")]
    [TestCase("/secret/abc", "/secret/…")]
    [TestCase("/api/v1/status", "/api/v1/status")]
    [TestCase("/anything/0123456789abcdefghij", "/anything/0123…")]
    public void ShouldCutKeysInPaths_ToAShortPrefix(string path, string expected)
    {
        Assert.That(RequestLogging.RedactPath(path), Is.EqualTo(expected));
    }

    [Test]
    public async Task ShouldAnswerNormally_WhileLoggingRequests()
    {
        await using var app = await OneTimeSecretApp.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/status");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
