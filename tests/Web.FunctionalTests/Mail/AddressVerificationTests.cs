using System.Net;
using OneTimeSecret.TestSupport;
using OneTimeSecret.Web.FunctionalTests.Pages;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>
/// Issue 15 item 5, not an open relay: an account made on the sign-up page sends no email to anyone until it has
/// followed the one-time link mailed to its address; the emails' links come from <c>App:BaseUrl</c> only. Mail goes
/// to a real SMTP server (aiosmtpd on 127.0.0.1).
/// </summary>
public sealed class AddressVerificationTests
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

    private static string NewCustId() => $"u{Guid.NewGuid():N}"[..16] + "@example.org";

    [Test]
    public async Task ShouldRefuseARecipient_WhenTheSignedUpAccountHasNotConfirmedItsAddress()
    {
        var custId = NewCustId();
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(custId, Password);
        using var api = await _app.ApiClientForAsync(custId);

        var refused = await api.PostFormAsync("/api/v1/share", ("secret", "Value-5be0c1"), ("recipient", "fred@example.org"));
        var page = await session.SubmitAsync("/", "/", ("secret", "Value-5be0c1"), ("recipient", "fred@example.org"));

        var error = await refused.ExpectJsonAsync(HttpStatusCode.Forbidden);
        Assert.That(error["message"]!.GetValue<string>(), Does.StartWith("Confirm your email address before sending secrets by email"));
        page.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(WebUtility.HtmlDecode(page.Html), Does.Contain("Confirm your email address before sending secrets by email"));
        var recent = await (await api.GetAsync("/api/v1/private/recent")).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(recent.AsArray(), Is.Empty, "nothing was stored");
        await _app.DeliverAsync();
        Assert.That(_smtp.Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == "fred@example.org")), Is.Empty);
    }

    [Test]
    public async Task ShouldLetTheAccountEmailRecipients_WhenItFollowedTheMailedLinkOnce()
    {
        var custId = NewCustId();
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(custId, Password);
        var account = await session.GetAsync("/account");
        Assert.That(account.Html, Does.Contain("Not confirmed yet"));

        await _app.DeliverAsync();
        var verification = _smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == custId);
        var link = MailTestSupport.VerificationLink(verification.TextBody);
        Assert.That(link, Does.StartWith("https://secrets.example.com/verify/"));

        // Opening the link (a mail scanner, a preview) confirms nothing; the page's button does, once.
        var path = new Uri(link).AbsolutePath;
        LogCapture.AddSensitive(path.Split('/').Last());
        var confirmPage = (await session.GetAsync(path)).ExpectHtml(HttpStatusCode.OK);
        using var api = await _app.ApiClientForAsync(custId);
        (await api.PostFormAsync("/api/v1/share", ("secret", "still refused"), ("recipient", "fred@example.org"))).ExpectStatus(HttpStatusCode.Forbidden);

        var confirmed = await session.PostAsync(path, confirmPage);
        var again = await session.PostAsync(path, confirmPage);

        confirmed.ExpectHtml(HttpStatusCode.OK);
        Assert.That(confirmed.Html, Does.Contain("Your address is confirmed"));
        again.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That((await session.GetAsync("/account")).Html, Does.Contain("Confirmed: this account may send secrets by email"));

        var shared = await api.ShareAsync("Value-0a41e7", ("recipient", "fred@example.org"));
        await _app.DeliverAsync();
        var email = _smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == "fred@example.org");
        Assert.That(email.Subject, Is.EqualTo($"{custId} shared a secret with you"));
        Assert.That(email.TextBody, Does.Contain(shared["share_url"]!.GetValue<string>()));
    }

    [Test]
    public async Task ShouldNotConfirm_WhenTheLinkHasExpired()
    {
        var custId = NewCustId();
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(custId, Password);
        await _app.DeliverAsync();
        var path = new Uri(MailTestSupport.VerificationLink(_smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == custId).TextBody)).AbsolutePath;
        LogCapture.AddSensitive(path.Split('/').Last());

        // Two days later (the session has ended by then), in whatever browser the email is opened.
        _app.Clock.Advance(TimeSpan.FromHours(49));
        using var later = PageSession.Start(_app);
        var late = await later.PostAsync(path, await later.GetAsync(path));

        late.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(late.Html, Does.Contain("has expired"));
    }

    [Test]
    public async Task ShouldSendANewLinkThatReplacesTheOldOne_WhenAskedAgainFromTheAccountPage()
    {
        var custId = NewCustId();
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(custId, Password);
        await _app.DeliverAsync();
        var first = new Uri(MailTestSupport.VerificationLink(_smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == custId).TextBody)).AbsolutePath;
        LogCapture.AddSensitive(first.Split('/').Last());
        _smtp.ClearMessages();

        var resent = await session.SubmitAsync("/account", "/account/verify-email");
        resent.ExpectStatus(HttpStatusCode.Redirect);
        await _app.DeliverAsync();
        var second = new Uri(MailTestSupport.VerificationLink(_smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == custId).TextBody)).AbsolutePath;
        LogCapture.AddSensitive(second.Split('/').Last());

        Assert.That(second, Is.Not.EqualTo(first));
        (await session.PostAsync(first, await session.GetAsync(first))).ExpectHtml(HttpStatusCode.BadRequest);
        (await session.PostAsync(second, await session.GetAsync(second))).ExpectHtml(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShouldNeverPutTheRequestsHostIntoAnEmail_WhenTheHostHeaderIsForged()
    {
        var custId = NewCustId();
        using var session = PageSession.Start(_app, new Uri("https://evil.example"));
        await session.SignUpAsync(custId, Password);
        var operatorMade = await _app.AddAccountAsync(NewCustId());
        using var api = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{operatorMade.CustId}:{operatorMade.ApiToken}")));

        _ = await api.ShareAsync("Value-9ad2f0", ("recipient", "wilma@example.org"));
        await _app.DeliverAsync();

        var messages = _smtp.Messages();
        Assert.That(messages, Has.Count.EqualTo(2), "the verification email and the recipient's");
        Assert.That(messages.Select(m => m.ToString()), Has.None.Contains("evil.example"));
        Assert.That(messages.Select(m => m.TextBody), Has.All.Contains("https://secrets.example.com/"));
    }
}
