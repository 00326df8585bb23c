using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>The creator's page at <c>/private/{key}</c> and its burn flow.</summary>
public sealed class PrivatePageTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Secrets:ShareDomains:0"] = "share.example.net",
        ["Secrets:AllowAnonymousRecipients"] = "true",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldShowTheLinkPassphraseTimeLeftRecipientAndState()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("for fred", ("passphrase", "pw"), ("ttl", "86400"), ("recipient", "fred@example.org"));

        var page = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);

        Assert.That(page.InputValue("share-link"), Is.EqualTo($"https://localhost{secretPath}"));
        Assert.That(page.Html, Does.Contain("data-copy-target=\"share-link\""));
        Assert.That(page.Html, Does.Contain("Required"));
        Assert.That(page.Html, Does.Contain("1 day"));
        Assert.That(page.Html, Does.Contain("fr*****@e*****.org"));
        Assert.That(page.Html, Does.Not.Contain("fred@example.org"));
        Assert.That(page.Html, Does.Contain("Not yet viewed"));
        Assert.That(page.Html, Does.Contain("Burn this secret"));
        page.ExpectSecurityHeaders();
        page.ExpectSelfContainedMarkup();
    }

    [Test]
    public async Task ShouldShowAQrCodeOfTheExactLink_AsInlineSvgWithoutScriptStyleOrRequest()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("scan me");

        var page = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);

        var svg = QrMarkup.Find(page.Html);
        Assert.That(QrMarkup.Decode(svg), Is.EqualTo($"https://localhost{secretPath}"));
        Assert.That(svg, Does.Contain("role=\"img\"").And.Contain("aria-label=\"QR code of the secret link\""));
        Assert.That(svg, Does.Not.Contain("<script").And.Not.Contain("<image").And.Not.Contain("href").And.Not.Contain("<style"));
        page.ExpectSecurityHeaders();
        page.ExpectSelfContainedMarkup();
    }

    [Test]
    public async Task ShouldShowNoQrCode_OnceTheSecretIsReceived()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("scan me once");
        var reveal = await session.GetAsync(secretPath);
        await session.PostAsync(secretPath, reveal);

        var page = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);

        Assert.That(page.Html, Does.Contain("The recipient has viewed this secret"));
        Assert.That(page.Html, Does.Not.Contain("qr-code"));
    }

    [Test]
    public async Task ShouldLinkOnTheChosenShareDomain_WhenOneIsAllowed()
    {
        using var session = PageSession.Start(_app);

        var created = await session.SubmitAsync("/", "/", ("secret", "on another domain"), ("share_domain", "share.example.net"));
        var page = await session.GetAsync(created.Location!);

        Assert.That(page.InputValue("share-link"), Does.StartWith("https://share.example.net/secret/"));
    }

    [Test]
    public async Task ShouldRefuseAShareDomainOutsideTheAllowList()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/", ("secret", "elsewhere"), ("share_domain", "evil.example.com"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError("share_domain"), Is.EqualTo("Unknown share_domain"));
        Assert.That(result.TextAreaValue("secret"), Is.EqualTo("elsewhere"));
    }

    [Test]
    public async Task ShouldBurnAfterConfirmation_AndShowTheBurnedState()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("burn me");

        var confirm = (await session.GetAsync($"{privatePath}/burn")).ExpectHtml(HttpStatusCode.OK);
        Assert.That(confirm.Html, Does.Contain("Yes, burn this secret"));
        (await session.GetAsync(secretPath)).ExpectStatus(HttpStatusCode.OK);

        var burned = await session.PostAsync($"{privatePath}/burn", confirm);

        burned.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(burned.Location, Is.EqualTo(privatePath));
        var page = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(page.Html, Does.Contain("Burned"));
        Assert.That(page.InputValue("share-link"), Is.Null);
        Assert.That(page.Html, Does.Not.Contain("Burn this secret"));
        (await session.GetAsync(secretPath)).ExpectStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ShouldConfirmTheBurnOnce_AsASuccessNotice()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, _) = await session.ShareAsync("burn and confirm");
        var confirm = (await session.GetAsync($"{privatePath}/burn")).ExpectHtml(HttpStatusCode.OK);

        (await session.PostAsync($"{privatePath}/burn", confirm)).ExpectStatus(HttpStatusCode.Redirect);

        var page = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(page.Html, Does.Contain("<p class=\"notice notice-success\" role=\"status\">The secret was burned: it is deleted, and the link no longer works for anyone.</p>"));
        Assert.That(page.Html, Does.Contain("class=\"notice notice-warning\">This secret can no longer be viewed"));
        var reloaded = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(reloaded.Html, Does.Not.Contain("The secret was burned"), "shown once");
    }

    [Test]
    public async Task ShouldWriteTimesInUtc_InTimeElementsTheScriptCanTurnLocal()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, _) = await session.ShareAsync("timed");

        var page = (await session.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);

        Assert.That(
            page.Html,
            Does.Match("<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC</time>"));
    }

    [Test]
    public async Task ShouldNotBurn_WhenTheAntiforgeryTokenIsMissing()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("keep me");

        var refused = await session.PostWithoutTokenAsync($"{privatePath}/burn");

        refused.ExpectHtml(HttpStatusCode.BadRequest);
        (await session.GetAsync(secretPath)).ExpectStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShouldShowTheReceivedState_WhenBurningAfterTheRecipientReadIt()
    {
        using var session = PageSession.Start(_app);
        var (privatePath, secretPath) = await session.ShareAsync("read first");
        var confirm = await session.GetAsync($"{privatePath}/burn");
        await session.PostAsync(secretPath, await session.GetAsync(secretPath));

        var burned = await session.PostAsync($"{privatePath}/burn", confirm);
        var page = await session.GetAsync(burned.Location!);

        Assert.That(page.Html, Does.Contain("Viewed by the recipient"));
        Assert.That(page.Html, Does.Contain("<time datetime="));
        Assert.That((await session.GetAsync($"{privatePath}/burn")).Status, Is.EqualTo(HttpStatusCode.Redirect), "no burn confirmation once read");
    }

    [TestCase("/private/0123456789abcdefghijklmnopqrstu")]
    [TestCase("/private/nope")]
    [TestCase("/private/0123456789abcdefghijklmnopqrstu/burn")]
    public async Task ShouldShowTheNotFoundPage_WhenTheMetadataKeyIsUnknown(string path)
    {
        using var session = PageSession.Start(_app);

        var page = (await session.GetAsync(path)).ExpectHtml(HttpStatusCode.NotFound);
        var post = await session.PostAsync("/private/nope/burn", await session.GetAsync("/"));

        // The reader holds a creator's link: the page speaks to the creator, not to a recipient.
        Assert.That(page.Html, Does.Contain("This secret&#x27;s page is gone").Or.Contain("This secret's page is gone"));
        Assert.That(page.Html, Does.Contain("share the secret again"));
        Assert.That(page.Html, Does.Not.Contain("Not found or already viewed").And.Not.Contain("ask its sender"));
        post.ExpectHtml(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ShouldBuildLinksFromTheConfiguredBaseUrl_NotFromTheRequestHost()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["App:BaseUrl"] = "https://secrets.example.com" });
        using var session = PageSession.Start(app, new Uri("https://attacker.example"));

        var (privatePath, _) = await session.ShareAsync("where does the link point");
        var page = await session.GetAsync(privatePath);

        Assert.That(page.InputValue("share-link"), Does.StartWith("https://secrets.example.com/secret/"));
        Assert.That(page.Html, Does.Not.Contain("attacker.example"));
    }
}
