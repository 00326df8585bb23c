using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>The recipient's page at <c>/secret/{key}</c>: a GET never reveals; the POST reveals once.</summary>
public sealed class SecretPageTests
{
    private const string NotFoundTitle = "Not found or already viewed";

    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldOfferToRevealWithoutRevealing_AndLeaveTheSecretRevealable()
    {
        using var creator = PageSession.Start(_app);
        var (_, secretPath) = await creator.ShareAsync("do not burn me on GET");
        using var recipient = PageSession.Start(_app);

        var first = (await recipient.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.OK);
        var second = (await recipient.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.OK);
        using var preview = _app.CreateClient();
        (await preview.GetAsync(secretPath)).EnsureSuccessStatusCode();

        Assert.That(first.Html, Does.Contain("Click to reveal"));
        Assert.That(first.Html, Does.Not.Contain("do not burn me on GET"));
        Assert.That(first.Html, Does.Not.Contain("name=\"passphrase\""), "no passphrase field when none is needed");
        first.ExpectSecurityHeaders();
        first.ExpectSelfContainedMarkup();
        var revealed = (await recipient.PostAsync(secretPath, second)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(revealed.TextAreaValue("secret-value"), Is.EqualTo("do not burn me on GET"));
    }

    [Test]
    public async Task ShouldRevealOnceWithACopyButtonAndANotice_ThenShowNotFound()
    {
        using var creator = PageSession.Start(_app);
        var (privatePath, secretPath) = await creator.ShareAsync("<b>bold</b> & \"quoted\"");
        using var recipient = PageSession.Start(_app);
        var page = await recipient.GetAsync(secretPath);

        var revealed = (await recipient.PostAsync(secretPath, page)).ExpectHtml(HttpStatusCode.OK);
        var again = await recipient.PostAsync(secretPath, page);
        var reload = await recipient.GetAsync(secretPath);

        Assert.That(revealed.TextAreaValue("secret-value"), Is.EqualTo("<b>bold</b> & \"quoted\""));
        Assert.That(revealed.Html, Does.Not.Contain("<b>bold</b>"), "the value is HTML-escaped");
        Assert.That(revealed.Html, Does.Contain("data-copy-target=\"secret-value\""));
        Assert.That(revealed.Html, Does.Contain("This secret is now gone"));
        revealed.ExpectSecurityHeaders();
        again.ExpectHtml(HttpStatusCode.NotFound);
        Assert.That(again.Html, Does.Contain(NotFoundTitle));
        reload.ExpectHtml(HttpStatusCode.NotFound);
        Assert.That(reload.Html, Does.Contain(NotFoundTitle));
        reload.ExpectSecurityHeaders();

        var creatorPage = await creator.GetAsync(privatePath);
        Assert.That(creatorPage.Html, Does.Contain("Viewed by the recipient"));
        Assert.That(creatorPage.InputValue("share-link"), Is.Null, "the link is not shown once the secret is read");
    }

    [Test]
    public async Task ShouldRefuseTheReveal_WhenTheAntiforgeryTokenIsMissing_AndKeepTheSecret()
    {
        using var creator = PageSession.Start(_app);
        var (_, secretPath) = await creator.ShareAsync("needs a token");
        using var recipient = PageSession.Start(_app);
        var page = await recipient.GetAsync(secretPath);

        var refused = await recipient.PostWithoutTokenAsync(secretPath);
        var forged = await recipient.PostWithoutTokenAsync(secretPath, (PageSession.AntiforgeryField, "forged"));

        refused.ExpectHtml(HttpStatusCode.BadRequest);
        forged.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(refused.Html, Does.Not.Contain("needs a token"));
        var revealed = (await recipient.PostAsync(secretPath, page)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(revealed.TextAreaValue("secret-value"), Is.EqualTo("needs a token"));
    }

    [Test]
    public async Task ShouldAskForThePassphrase_AndKeepTheSecret_WhenItIsWrong()
    {
        using var creator = PageSession.Start(_app);
        var (_, secretPath) = await creator.ShareAsync("behind a passphrase", ("passphrase", "open sesame"));
        using var recipient = PageSession.Start(_app);

        var page = (await recipient.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(page.Html, Does.Contain("name=\"passphrase\""));
        Assert.That(page.Html, Does.Contain("<label for=\"passphrase\">"));

        var wrong = (await recipient.PostAsync(secretPath, page, ("passphrase", "open barley"))).ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(wrong.FieldError("passphrase"), Does.Contain("passphrase is not right").And.Contain("9 attempts left before it is destroyed"));
        Assert.That(wrong.Html, Does.Not.Contain("behind a passphrase"));
        Assert.That(wrong.Html, Does.Contain("Click to reveal"));

        var missing = (await recipient.PostAsync(secretPath, wrong)).ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(missing.FieldError("passphrase"), Does.Contain("Enter the passphrase"));

        var right = (await recipient.PostAsync(secretPath, missing, ("passphrase", "open sesame"))).ExpectHtml(HttpStatusCode.OK);
        Assert.That(right.TextAreaValue("secret-value"), Is.EqualTo("behind a passphrase"));
    }

    [Test]
    public async Task ShouldKeepTheRevealedValuesLeadingNewline_AndLetItsDirectionFollowTheText()
    {
        using var creator = PageSession.Start(_app);
        var (_, secretPath) = await creator.ShareAsync("\n-----BEGIN KEY-----\nabc");
        using var recipient = PageSession.Start(_app);

        var revealed = (await recipient.PostAsync(secretPath, await recipient.GetAsync(secretPath))).ExpectHtml(HttpStatusCode.OK);

        // A browser drops one line feed right after <textarea>: the page must carry the value's own after it.
        Assert.That(revealed.TextAreaValue("secret-value"), Is.EqualTo("\n-----BEGIN KEY-----\nabc"));
        Assert.That(revealed.Attribute("id=\"secret-value\"", "dir"), Is.EqualTo("auto"));
    }

    [TestCase("/secret/0123456789abcdefghijklmnopqrstu")]
    [TestCase("/secret/short")]
    [TestCase("/secret/NOT-A-KEY-%3Cscript%3E")]
    public async Task ShouldShowTheNotFoundPage_WhenTheKeyIsUnknown(string path)
    {
        using var session = PageSession.Start(_app);

        var page = (await session.GetAsync(path)).ExpectHtml(HttpStatusCode.NotFound);
        var post = (await session.PostAsync(path, await session.GetAsync("/"))).ExpectHtml(HttpStatusCode.NotFound);

        Assert.That(page.Html, Does.Contain(NotFoundTitle));
        Assert.That(page.Html, Does.Not.Contain("<script>"));
        Assert.That(post.Html, Does.Contain(NotFoundTitle));
        page.ExpectSecurityHeaders();
    }

    [Test]
    public async Task ShouldShowTheNotFoundPage_WhenTheSecretWasBurned()
    {
        using var creator = PageSession.Start(_app);
        var (privatePath, secretPath) = await creator.ShareAsync("to be burned");
        var confirm = await creator.GetAsync($"{privatePath}/burn");
        (await creator.PostAsync($"{privatePath}/burn", confirm)).ExpectStatus(HttpStatusCode.Redirect);

        var page = (await creator.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.NotFound);

        Assert.That(page.Html, Does.Contain(NotFoundTitle));
    }

    [Test]
    public async Task ShouldShowTheNotFoundPage_WhenTheSecretExpired()
    {
        using var creator = PageSession.Start(_app);
        var (privatePath, secretPath) = await creator.ShareAsync("short lived", ("ttl", "300"));
        var recipientPage = await creator.GetAsync(secretPath);

        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        var get = (await creator.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.NotFound);
        var post = (await creator.PostAsync(secretPath, recipientPage)).ExpectHtml(HttpStatusCode.NotFound);
        var creatorPage = (await creator.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);

        Assert.That(get.Html, Does.Contain(NotFoundTitle));
        Assert.That(post.Html, Does.Contain(NotFoundTitle));
        Assert.That(creatorPage.Html, Does.Contain("Expired"));
    }
}
