using OneTimeSecret.TestSupport;
using OneTimeSecret.Web.FunctionalTests.Pages;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>
/// Issue 15 item 4: when an account's sign-in failure budget trips, its (verified) address gets a notice, through
/// the outbox and a real SMTP server; a guess at an unknown or unverified account sends nothing.
/// </summary>
public sealed class SignInNoticeTests
{
    private const string Password = "correct horse battery";

    private SmtpTestServer _smtp = null!;
    private OneTimeSecretApp _app = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _smtp = new SmtpTestServer();
        await _smtp.StartAsync();
        var settings = _smtp.Settings();
        settings["App:BaseUrl"] = "https://secrets.example.com";
        settings["RateLimits:Enabled"] = "true";
        settings["RateLimits:SignIn:PermitLimit"] = "100";
        settings["RateLimits:SignInFailuresPerAccount:PermitLimit"] = "3";
        settings["RateLimits:SignInFailuresPerAccount:WindowSeconds"] = "900";
        _app = await OneTimeSecretApp.StartAsync(settings: settings);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task GuessAsync(string custId, int times)
    {
        for (var i = 1; i <= times; i++)
        {
            using var guesser = PageSession.Start(_app);
            guesser.Client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, $"203.0.113.{i}");
            await guesser.SubmitAsync("/signin", "/signin", ("custid", custId), ("password", $"wrong guess {i}"));
        }
    }

    [Test]
    public async Task ShouldEmailTheAccountOnce_WhenItsSignInFailureBudgetTrips()
    {
        await _app.AddAccountWithPasswordAsync("owner@example.org", Password);

        await GuessAsync("Owner@Example.org", 2);
        await _app.DeliverAsync();
        Assert.That(_smtp.Messages(), Is.Empty, "two wrong passwords are within the budget");

        await GuessAsync("owner@example.org", 3);
        await _app.DeliverAsync();

        var notice = _smtp.Messages().Single();
        Assert.That(notice.To.Mailboxes.Single().Address, Is.EqualTo("owner@example.org"));
        Assert.That(notice.Subject, Does.Contain("Too many wrong passwords"));
        Assert.That(notice.ToString(), Does.Not.Contain("wrong guess"));
    }

    [Test]
    public async Task ShouldEmailNobody_WhenTheAccountIsUnknownOrUnverified()
    {
        using (var session = PageSession.Start(_app))
        {
            await session.SignUpAsync("unverified@example.org", Password);
        }

        await _app.DeliverAsync();
        _smtp.ClearMessages(); // the verification email

        await GuessAsync("unverified@example.org", 3);
        await GuessAsync("nobody@example.org", 3);
        await _app.DeliverAsync();

        Assert.That(_smtp.Messages(), Is.Empty);
    }
}
