using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>The pages follow the API's rules from issue 14: burn needs the passphrase, emails need an account.</summary>
public sealed class LiveRulesPageTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldAskForThePassphrase_BeforeBurningAProtectedSecret()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("guarded on the page", ("passphrase", "open sesame"));

        var confirm = (await session.GetAsync($"{privatePath}/burn")).ExpectHtml(HttpStatusCode.OK);
        Assert.That(confirm.Html, Does.Contain("name=\"passphrase\""));

        var without = (await session.PostAsync($"{privatePath}/burn", confirm)).ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(without.FieldError("passphrase"), Is.EqualTo("Enter the passphrase to burn this secret"));
        var wrong = (await session.PostAsync($"{privatePath}/burn", without, ("passphrase", "open barley"))).ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(wrong.FieldError("passphrase"), Does.StartWith("That passphrase is not right"));
        (await session.GetAsync(secretPath)).ExpectStatus(HttpStatusCode.OK);

        var burned = await session.PostAsync($"{privatePath}/burn", wrong, ("passphrase", "open sesame"));

        burned.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That((await session.GetAsync(privatePath)).Html, Does.Contain("Burned"));
        (await session.GetAsync(secretPath)).ExpectStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ShouldNotAskForAPassphrase_WhenBurningAnUnprotectedSecret()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, _) = await session.ShareAsync("open on the page");

        var confirm = (await session.GetAsync($"{privatePath}/burn")).ExpectHtml(HttpStatusCode.OK);

        Assert.That(confirm.Html, Does.Not.Contain("name=\"passphrase\""));
    }

    [Test]
    public async Task ShouldOfferTheRecipientField_OnlyToSignedInPeople()
    {
        using var anonymous = PageSession.Start(_app);
        using var signedIn = PageSession.Start(_app);
        await signedIn.SignUpAsync("page-mailer@example.org");

        var anonymousForm = (await anonymous.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);
        var accountForm = (await signedIn.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);
        var forced = await anonymous.PostAsync("/", anonymousForm, ("secret", "mail anyway"), ("recipient", "fred@example.org"));

        Assert.That(anonymousForm.Html, Does.Not.Contain("name=\"recipient\""));
        Assert.That(accountForm.Html, Does.Contain("name=\"recipient\""));
        forced.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(forced.Html, Does.Contain("An account is required to send emails."));
    }

    [Test]
    public async Task ShouldOfferTheRecipientFieldToEveryone_WhenTheSettingAllowsAnonymousRecipients()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Secrets:AllowAnonymousRecipients"] = "true",
        });
        using var anonymous = PageSession.Start(app);

        var form = (await anonymous.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);

        Assert.That(form.Html, Does.Contain("name=\"recipient\""));
    }
}
