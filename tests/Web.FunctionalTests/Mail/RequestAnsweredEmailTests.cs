using System.Net;
using OneTimeSecret.TestSupport;
using OneTimeSecret.Web.FunctionalTests.Pages;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>
/// Issue 18: when a request is answered, a requester whose address is confirmed gets an email through the outbox and
/// a real SMTP server. It links to the requester's own page of the secret, never to the secret, and holds neither the
/// value, nor the secret key, nor the note; an unconfirmed address gets nothing.
/// </summary>
public sealed class RequestAnsweredEmailTests
{
    private const string BaseUrl = "https://secrets.example.com";

    private SmtpTestServer _smtp = null!;
    private OneTimeSecretApp _app = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _smtp = new SmtpTestServer();
        await _smtp.StartAsync();
        var settings = _smtp.Settings();
        settings["App:BaseUrl"] = BaseUrl;
        _app = await OneTimeSecretApp.StartAsync(settings: settings);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>Asks for a secret with a note, and answers it anonymously; answers the request key.</summary>
    private async Task<string> AskAndAnswerAsync(HttpClient requester, string value)
    {
        var created = await (await requester.PostFormAsync("/api/v1/requests", ("note", "the wifi password for the office"))).ExpectJsonAsync(HttpStatusCode.OK);
        var requestKey = created["request_key"]!.GetValue<string>();
        LogCapture.AddSensitive(requestKey);
        using var anonymous = _app.CreateClient();
        await (await anonymous.PostFormAsync($"/api/v1/requests/{requestKey}/answer", ("secret", value))).ExpectJsonAsync(HttpStatusCode.OK);
        return requestKey;
    }

    [Test]
    public async Task ShouldEmailTheRequesterALinkToItsOwnPage_WhenTheRequestIsAnswered()
    {
        var issued = await _app.AddAccountWithPasswordAsync("asker@example.org", "correct horse battery");
        using var requester = _app.CreateClient(issued.CustId, issued.ApiToken);
        var requestKey = await AskAndAnswerAsync(requester, "wifi-value-8841");
        var answered = await (await requester.GetAsync($"/api/v1/requests/{requestKey}")).ExpectJsonAsync(HttpStatusCode.OK);
        var metadataKey = answered["metadata_key"]!.GetValue<string>();
        var secretKey = answered["secret_key"]!.GetValue<string>();
        LogCapture.AddSensitive(metadataKey);
        LogCapture.AddSensitive(secretKey);

        var report = await _app.DeliverAsync();

        var email = _smtp.Messages().Single();
        var whole = email.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(report.Sent, Is.EqualTo(1));
            Assert.That(email.To.Mailboxes.Single().Address, Is.EqualTo("asker@example.org"));
            Assert.That(email.Subject, Does.Contain("was answered"));
            Assert.That(email.TextBody, Does.Contain($"{BaseUrl}/private/{metadataKey}"));
            Assert.That(email.HtmlBody, Does.Contain($"href=\"{BaseUrl}/private/{metadataKey}\""));
            Assert.That(whole, Does.Not.Contain("/secret/"));
            Assert.That(whole, Does.Not.Contain(secretKey));
            Assert.That(whole, Does.Not.Contain("wifi-value-8841"));
            Assert.That(whole, Does.Not.Contain("wifi password"), "nor the note");
            Assert.That(whole, Does.Not.Contain(requestKey));
        });
    }

    [Test]
    public async Task ShouldEmailNobody_WhenTheRequestersAddressIsNotConfirmed()
    {
        using (var session = PageSession.Start(_app))
        {
            await session.SignUpAsync("unconfirmed@example.org");
        }

        await _app.DeliverAsync();
        _smtp.ClearMessages(); // the verification email
        using var requester = await _app.ApiClientForAsync("unconfirmed@example.org");

        await AskAndAnswerAsync(requester, "value-for-nobody");
        var report = await _app.DeliverAsync();

        Assert.That(report.Handled, Is.Zero);
        Assert.That(_smtp.Messages(), Is.Empty);
    }
}
