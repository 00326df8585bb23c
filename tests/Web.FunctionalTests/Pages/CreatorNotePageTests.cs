using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>The creator's private note on the pages: the share and generate form, the creator's page, the account's list.</summary>
public sealed class CreatorNotePageTests
{
    private const string Note = "db password for Anna";

    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldShowTheNoteToTheCreator_AndNeverToTheRecipient()
    {
        using var creator = PageSession.Start(_app);
        using var recipient = PageSession.Start(_app);
        var (privatePath, secretPath) = await creator.ShareAsync("the value", ("note", Note));

        var privatePage = (await creator.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(privatePage.Html, Does.Contain("Your note").And.Contain(Note));

        var revealForm = (await recipient.GetAsync(secretPath)).ExpectHtml(HttpStatusCode.OK);
        var revealed = (await recipient.PostAsync(secretPath, revealForm)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(revealed.Html, Does.Contain("the value"));
        Assert.That(revealForm.Html + revealed.Html, Does.Not.Contain(Note));

        var afterwards = (await creator.GetAsync(privatePath)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(afterwards.Html, Does.Contain("The recipient has viewed this secret").And.Contain(Note));
    }

    [Test]
    public async Task ShouldKeepTheNoteOfAGeneratedPassword()
    {
        using var creator = PageSession.Start(_app);

        var generated = await creator.SubmitAsync("/", "/generate", ("note", Note));

        generated.ExpectStatus(HttpStatusCode.Redirect);
        var page = (await creator.GetAsync(generated.Location!)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(page.Html, Does.Contain("Your generated password").And.Contain(Note));
    }

    [Test]
    public async Task ShouldListTheNoteWithTheShortKey_OnTheAccountPage()
    {
        using var creator = PageSession.Start(_app);
        await creator.SignUpAsync($"note-{Guid.NewGuid():N}"[..16] + "@example.org");
        var (privatePath, _) = await creator.ShareAsync("listed", ("note", Note));

        var account = (await creator.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);

        var metadataKey = privatePath.Split('/').Last();
        Assert.That(account.Html, Does.Contain(Note));
        Assert.That(account.Html, Does.Contain($">{metadataKey[..8]}<"));
    }

    [Test]
    public async Task ShouldSayWhatIsWrong_AndKeepTheNote_WhenItIsTooLong()
    {
        using var creator = PageSession.Start(_app);
        var tooLong = new string('n', 101);

        var result = await creator.SubmitAsync("/", "/", ("secret", "the value"), ("note", tooLong));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError("note"), Is.EqualTo("Note must be no more than 100 characters long"));
        Assert.That(result.InputValue("note"), Is.EqualTo(tooLong));
        Assert.That(result.TextAreaValue("secret"), Is.EqualTo("the value"));
    }
}
