using System.Net;
using System.Text.RegularExpressions;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>
/// <c>Secrets:CreatorsMustSignIn=true</c> on the pages: the home page offers sign-in instead of the form, a create
/// without an account goes to sign-in, and the links people are sent still work without one.
/// </summary>
public sealed partial class CreatorsMustSignInPageTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["Secrets:CreatorsMustSignIn"] = "true" });

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string NewCustId() => $"c{Guid.NewGuid():N}"[..16] + "@example.org";

    [GeneratedRegex("/request/([0-9a-z]{31})")]
    private static partial Regex RequestLink();

    [Test]
    public async Task ShouldShowASignInButtonInsteadOfTheForm_WhenNobodyIsSignedIn()
    {
        using var visitor = PageSession.Start(_app);

        var home = (await visitor.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);

        Assert.That(home.Html, Does.Contain("<a class=\"button primary\" href=\"/signin\">"));
        Assert.That(home.Html, Does.Not.Contain("share-form"));
    }

    [Test]
    public async Task ShouldShowTheForm_WhenSignedIn()
    {
        using var member = PageSession.Start(_app);
        await member.SignUpAsync(NewCustId());

        var home = (await member.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);

        Assert.That(home.Html, Does.Contain("share-form"));
    }

    [TestCase("/", "secret", "hunter2")]
    [TestCase("/generate", "ttl", "3600")]
    public async Task ShouldRedirectToSignIn_WhenAnAnonymousVisitorCreates(string action, string field, string value)
    {
        using var visitor = PageSession.Start(_app);

        // The sign-in page's token: the home page has no form to take one from.
        var refused = await visitor.SubmitAsync("/signin", action, (field, value));

        refused.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(refused.Location, Is.EqualTo("/signin"));
    }

    [TestCase("/", "secret", "hunter2")]
    [TestCase("/generate", "ttl", "3600")]
    public async Task ShouldCreate_WhenSignedIn(string action, string field, string value)
    {
        using var member = PageSession.Start(_app);
        await member.SignUpAsync(NewCustId());

        var created = await member.SubmitAsync("/", action, (field, value));

        created.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(created.Location, Does.StartWith("/private/"));
        LogCapture.AddSensitive(created.Location!.Split('/').Last());
    }

    [Test]
    public async Task ShouldRedirectToSignIn_WhenAnAnonymousVisitorAsksForASecret()
    {
        using var visitor = PageSession.Start(_app);

        var refused = await visitor.SubmitAsync("/signin", "/account/requests", ("note", "the vpn key"));

        refused.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(refused.Location, Does.StartWith("/signin"));
    }

    [Test]
    public async Task ShouldLetAnyoneWithTheLinksRevealAndAnswer_WithoutAnAccount()
    {
        using var member = PageSession.Start(_app);
        await member.SignUpAsync(NewCustId());
        var (_, secretPath) = await member.ShareAsync("hunter2");
        (await member.SubmitAsync("/account", "/account/requests", ("note", "the vpn key"))).ExpectStatus(HttpStatusCode.Redirect);
        var requestPath = RequestLink().Match((await member.GetAsync("/account")).Html).Value;
        LogCapture.AddSensitive(requestPath.Split('/').Last());
        using var visitor = PageSession.Start(_app);

        var revealed = await visitor.PostAsync(secretPath, (await visitor.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.OK));
        var answered = await visitor.PostAsync(requestPath, (await visitor.GetAsync(requestPath)).ExpectHtml(HttpStatusCode.OK), ("secret", "vpn key 1234"));

        revealed.ExpectHtml(HttpStatusCode.OK);
        Assert.That(revealed.Html, Does.Contain("hunter2"));
        answered.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(answered.Location, Is.EqualTo("/request/sent"));
    }
}
