using System.Net;
using OneTimeSecret.TestSupport;
using OneTimeSecret.Web.FunctionalTests.Compatibility;
using OneTimeSecret.Web.FunctionalTests.Pages;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>
/// Issue 16 item 8: the form says the recipient will be emailed, the creator's page says whether it went out, and
/// the email names the verified sender with their own short message (plain text), so it does not look like phishing.
/// </summary>
public sealed class HonestRecipientEmailTests
{
    private const string Password = "a long enough password";

    private SmtpTestServer _smtp = null!;
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _smtp = new SmtpTestServer();
        await _smtp.StartAsync();
        var settings = _smtp.Settings();
        settings["App:BaseUrl"] = "https://secrets.example.com";
        _app = await OneTimeSecretApp.StartAsync(settings: settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [SetUp]
    public void ForgetMessages() => _smtp.ClearMessages();

    private async Task<PageSession> SignedInAsync(string custId)
    {
        await _app.AddAccountWithPasswordAsync(custId, Password);
        var session = PageSession.Start(_app);
        (await session.SubmitAsync("/signin", "/signin", ("custid", custId), ("password", Password))).ExpectStatus(HttpStatusCode.Redirect);
        return session;
    }

    [Test]
    public async Task ShouldSayTheRecipientWillBeEmailedAndShowWhetherItWentOut_WhenSharedOnThePage()
    {
        using var session = await SignedInAsync("anna@example.org");
        var form = await session.GetAsync("/");
        Assert.That(form.Html, Does.Contain("We will email this person the link"));

        var (privatePath, _) = await session.ShareAsync("Value-2c1d", ("recipient", "fred@example.org"), ("message", "Hi Fred, the <b>db</b> password as promised.\nAnna"));
        var pending = await session.GetAsync(privatePath);
        await _app.DeliverAsync();
        var sent = await session.GetAsync(privatePath);

        Assert.That(pending.Html, Does.Contain("Pending: not sent yet"));
        Assert.That(sent.Html, Does.Contain("Sent to the recipient"));
        var email = _smtp.Messages().Single();
        Assert.That(email.Subject, Is.EqualTo("anna@example.org shared a secret with you"));
        Assert.That(email.TextBody, Does.Contain("> Hi Fred, the <b>db</b> password as promised.\n> Anna"));
        Assert.That(email.HtmlBody, Does.Contain("Hi Fred, the &lt;b&gt;db&lt;/b&gt; password as promised."));
        Assert.That(email.HtmlBody, Does.Not.Contain("<b>db</b>"));
        Assert.That(LogCapture.LinesContaining("Hi Fred"), Is.Empty, "the message is never logged");
    }

    [Test]
    public async Task ShouldEmailTheMessage_WhenTheApiIsGivenOne()
    {
        var issued = await _app.AddAccountAsync("bert@example.org");
        using var client = _app.CreateClient(issued.CustId, issued.ApiToken);

        var shared = await client.ShareAsync("Value-77aa", ("recipient", "wilma@example.org"), ("message", "From Bert, for the VPN."));
        await ApiSchemas.AssertValidAsync("share", shared.ToJsonString());
        var generated = await (await client.PostFormAsync("/api/v1/generate", ("recipient", "wilma@example.org"), ("message", "A new password for you."))).ExpectJsonAsync(HttpStatusCode.OK);
        await _app.DeliverAsync();

        var bodies = _smtp.Messages().Select(m => m.TextBody).ToList();
        Assert.That(bodies, Has.One.Contains("> From Bert, for the VPN.").And.Contains(shared["share_url"]!.GetValue<string>()));
        Assert.That(bodies, Has.One.Contains("> A new password for you.").And.Contains(generated["share_url"]!.GetValue<string>()));
    }

    [Test]
    public async Task ShouldRefuseAMessage_WhenItIsTooLongOrHasNoRecipient()
    {
        var issued = await _app.AddAccountAsync($"c{Guid.NewGuid():N}"[..10] + "@example.org");
        using var client = _app.CreateClient(issued.CustId, issued.ApiToken);

        var tooLong = await client.PostFormAsync("/api/v1/share", ("secret", "v"), ("recipient", "fred@example.org"), ("message", new string('m', 501)));
        var alone = await client.PostFormAsync("/api/v1/share", ("secret", "v"), ("message", "nobody to read this"));

        Assert.That((await tooLong.ExpectJsonAsync(HttpStatusCode.BadRequest))["message"]!.GetValue<string>(), Is.EqualTo("Message must be no more than 500 characters long"));
        Assert.That((await alone.ExpectJsonAsync(HttpStatusCode.BadRequest))["message"]!.GetValue<string>(), Does.StartWith("A message is emailed to the recipients"));
    }
}
