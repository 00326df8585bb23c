using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Secrets.Commands.RevealSecret;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>The share form at <c>/</c>: fields, plan limits, validation, POST-redirect-GET and generate.</summary>
public sealed class HomePageTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
    {
        // The share form offers the recipient field to anonymous visitors only with this setting (see LiveRulesPageTests).
        ["Secrets:AllowAnonymousRecipients"] = "true",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldShowTheShareForm_WithFieldsNamedLikeTheApi()
    {
        using var session = PageSession.Start(_app);

        var page = (await session.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);

        Assert.That(page.Html, Does.Contain("<textarea").And.Contain("name=\"secret\""));
        Assert.That(page.Html, Does.Contain("name=\"passphrase\""));
        Assert.That(page.Html, Does.Contain("<select name=\"ttl\""));
        Assert.That(page.Html, Does.Contain("name=\"recipient\""));
        Assert.That(page.Html, Does.Contain("Create a secret link"));
        Assert.That(page.Html, Does.Contain("formaction=\"/generate\""));
        Assert.That(page.Html, Does.Contain("<label for=\"secret\">"));
        Assert.That(page.Html, Does.Contain("<label for=\"passphrase\">"));
        Assert.That(page.Html, Does.Contain("<label for=\"ttl\">"));
        Assert.That(page.Html, Does.Contain("<label for=\"recipient\">"));
        page.ExpectSecurityHeaders();
        page.ExpectSelfContainedMarkup();
    }

    [Test]
    public async Task ShouldOfferTtlsFromFiveMinutesToTheAnonymousMaximum_WithSevenDaysSelected()
    {
        using var session = PageSession.Start(_app);

        var page = await session.GetAsync("/");

        var options = Regex.Matches(page.Html, "<option value=\"(\\d+)\"( selected=\"selected\")?>").Select(m => (Seconds: long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Selected: m.Groups[2].Success)).ToList();
        Assert.That(options.First().Seconds, Is.EqualTo(300));
        Assert.That(options.Last().Seconds, Is.EqualTo(7 * 24 * 3600));
        Assert.That(options.Single(o => o.Selected).Seconds, Is.EqualTo(7 * 24 * 3600));
    }

    [Test]
    public async Task ShouldEmitClientSideValidationAttributes_FromTheFormValidator()
    {
        using var session = PageSession.Start(_app);

        var page = await session.GetAsync("/");

        Assert.That(page.Attribute("id=\"secret\"", "data-val-required"), Is.Not.Null.And.Not.Empty);
        Assert.That(page.Attribute("id=\"secret\"", "data-val-maxlength-max"), Is.EqualTo("1000"));
        Assert.That(page.Attribute("id=\"recipient\"", "data-val-email"), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task ShouldRedirectToTheCreatorsPage_WhenASecretIsShared()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/", ("secret", "the launch code"), ("ttl", "3600"));

        result.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(result.Location, Does.Match("^/private/[0-9a-z]{31}$"));
        var creator = (await session.GetAsync(result.Location!)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(creator.InputValue("share-link"), Does.Match("^https://localhost/secret/[0-9a-z]{31}$"));
        Assert.That(creator.Html, Does.Not.Contain("the launch code"));
        Assert.That(creator.Html, Does.Contain("1 hour"));
    }

    [Test]
    public async Task ShouldQueueTheRecipientsEmail_WhenTheFormNamesARecipient()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/", ("secret", "for the recipient"), ("recipient", "page-recipient@example.org"));

        result.ExpectStatus(HttpStatusCode.Redirect);
        var metadataKey = result.Location!.Split('/')[^1];
        using var api = _app.CreateClient();
        var metadata = await (await api.GetAsync($"/api/v1/private/{metadataKey}")).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(metadata["recipient"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("pa*****@e*****.org"));
        Assert.That(metadata["email_status"]!.GetValue<string>(), Is.EqualTo("pending"));
    }

    [Test]
    public async Task ShouldKeepTheTypedSecretAndExplain_WhenTheRecipientIsNotAnEmail()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/", ("secret", "<script>alert('x')</script>\r\nline two"), ("recipient", "not an email"), ("passphrase", "hidden"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError("recipient"), Is.EqualTo("Recipient must be a valid email address"));
        Assert.That(result.TextAreaValue("secret"), Is.EqualTo("<script>alert('x')</script>\nline two").Or.EqualTo("<script>alert('x')</script>\r\nline two"));
        Assert.That(result.Html, Does.Not.Contain("<script>alert"), "the typed secret is HTML-escaped");
        Assert.That(result.Html, Does.Not.Contain("value=\"hidden\""), "the passphrase is never written back");
        Assert.That(result.Html, Does.Contain("There is a problem"));
        result.ExpectSecurityHeaders();
    }

    [Test]
    public async Task ShouldExplainNextToTheField_WhenTheSecretIsEmpty()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/", ("secret", "   "));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError("secret"), Is.EqualTo("You did not provide anything to share"));
    }

    [Test]
    public async Task ShouldNameThePlanLimit_WhenTheSecretIsTooLong()
    {
        using var session = PageSession.Start(_app);
        var secret = new string('x', 1_001);

        var result = await session.SubmitAsync("/", "/", ("secret", secret));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError("secret"), Does.Contain("1000 characters"));
        Assert.That(result.TextAreaValue("secret"), Is.EqualTo(secret));
    }

    [Test]
    public async Task ShouldRefuseTheShare_WhenTheAntiforgeryTokenIsMissing()
    {
        using var session = PageSession.Start(_app);
        await session.GetAsync("/");

        var result = await session.PostWithoutTokenAsync("/", ("secret", "no token"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.Location, Is.Null);
        Assert.That(result.Html, Does.Contain("That did not work"));
        result.ExpectSecurityHeaders();
    }

    [Test]
    public async Task ShouldStoreTheSecretAsTyped_WhenTheBrowserSendsCrLfLineBreaks()
    {
        using var session = PageSession.Start(_app);
        var (_, secretPath) = await session.ShareAsync("-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----");

        await using var scope = _app.Services.CreateAsyncScope();
        var revealed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RevealSecretCommand(secretPath.Split('/').Last(), null, "address:192.0.2.1"));

        Assert.That(revealed.Value, Is.EqualTo("-----BEGIN KEY-----\nabc\n-----END KEY-----"));
    }

    [Test]
    public async Task ShouldShowTheGeneratedPasswordOnce_AfterARedirect_AndALinkThatRevealsIt()
    {
        using var session = PageSession.Start(_app);

        var posted = await session.SubmitAsync("/", "/generate", ("secret", ""), ("ttl", "86400"));

        posted.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(posted.Location, Does.Match("^/private/[0-9a-z]{31}$"));
        var generated = (await session.GetAsync(posted.Location!)).ExpectHtml(HttpStatusCode.OK);
        var value = generated.InputValue("generated-value");
        var link = generated.InputValue("share-link");
        Assert.That(value, Has.Length.EqualTo(12));
        Assert.That(link, Does.Match("/secret/[0-9a-z]{31}$"));
        generated.ExpectSecurityHeaders();

        var reopened = (await session.GetAsync(posted.Location!)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(reopened.InputValue("generated-value"), Is.Null, "the password is shown once");
        Assert.That(reopened.Html, Does.Not.Contain(value!));
        Assert.That(reopened.InputValue("share-link"), Is.EqualTo(link));

        var revealPage = await session.GetAsync(new Uri(link!).AbsolutePath);
        var revealed = await session.PostAsync(new Uri(link!).AbsolutePath, revealPage);
        Assert.That(revealed.TextAreaValue("secret-value"), Is.EqualTo(value));
    }

    [Test]
    public async Task ShouldGenerateWithTheChosenLengthAndSets_AsABrowserSendsCheckboxesAndTheirHiddenFalse()
    {
        using var session = PageSession.Start(_app);

        // What a browser sends: a checked box's "true", then the hidden "false" of every box; an unchecked box only the latter.
        var posted = await session.SubmitAsync(
            "/",
            "/generate",
            ("secret", ""),
            ("length", "24"),
            ("character_sets[lowercase]", "true"),
            ("character_sets[numbers]", "true"),
            ("character_sets[symbols]", "true"),
            ("character_sets[exclude_ambiguous]", "true"),
            ("character_sets[uppercase]", "false"),
            ("character_sets[lowercase]", "false"),
            ("character_sets[numbers]", "false"),
            ("character_sets[symbols]", "false"),
            ("character_sets[exclude_ambiguous]", "false"));

        posted.ExpectStatus(HttpStatusCode.Redirect);
        var value = (await session.GetAsync(posted.Location!)).ExpectHtml(HttpStatusCode.OK).InputValue("generated-value");
        Assert.That(value, Has.Length.EqualTo(24));
        Assert.That(value, Does.Not.Match("[A-Z]").And.Match("[^A-Za-z0-9]").And.Not.Match("[01ilo]"));
    }

    [Test]
    public async Task ShouldOfferThePasswordOptions_WithTheDefaultsChosen()
    {
        using var session = PageSession.Start(_app);

        var page = (await session.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.InputValue("length"), Is.EqualTo("12"));
            Assert.That(page.Attribute("id=\"character_sets_uppercase\"", "checked"), Is.EqualTo("checked"));
            Assert.That(page.Attribute("id=\"character_sets_exclude_ambiguous\"", "checked"), Is.EqualTo("checked"));
            Assert.That(page.Attribute("id=\"character_sets_symbols\"", "checked"), Is.Null);
        }
    }

    [TestCase("twelve", "length", "Length must be a whole number of characters")]
    [TestCase("200", "length", "Generated password length must be no more than 128 characters")]
    [TestCase("12", "character_sets", "Choose at least one character set")]
    public async Task ShouldExplainAndCreateNothing_WhenAPasswordOptionIsWrong(string length, string field, string message)
    {
        using var session = PageSession.Start(_app);
        var noneChosen = field == "character_sets";

        var result = await session.SubmitAsync(
            "/",
            "/generate",
            ("length", length),
            ("character_sets[uppercase]", noneChosen ? "false" : "true"),
            ("character_sets[lowercase]", "false"),
            ("character_sets[numbers]", "false"),
            ("character_sets[symbols]", "false"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError(field), Does.StartWith(message));
        Assert.That(result.InputValue("length"), Is.EqualTo(length), "what was typed comes back");
    }

    [Test]
    public async Task ShouldNotShowTheGeneratedPassword_ToAnotherBrowserOpeningTheCreatorsPage()
    {
        using var creator = PageSession.Start(_app);
        using var other = PageSession.Start(_app);
        var posted = await creator.SubmitAsync("/", "/generate", ("ttl", "86400"));

        var seen = (await other.GetAsync(posted.Location!)).ExpectHtml(HttpStatusCode.OK);

        Assert.That(seen.InputValue("generated-value"), Is.Null);
    }

    [Test]
    public async Task ShouldKeepTheTypedTextAndExplain_WhenGenerateIsPressedWithTextInTheBox()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/generate", ("secret", "my own text"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.TextAreaValue("secret"), Is.EqualTo("my own text"));
        Assert.That(result.FieldError("secret"), Does.Contain("Generate a password"));
    }

    [Test]
    public async Task ShouldAskForThePassphraseAgain_AndMarkThatOneWasGiven_WhenTheFormComesBack()
    {
        using var session = PageSession.Start(_app);

        var result = await session.SubmitAsync("/", "/", ("secret", new string('x', 1_001)), ("passphrase", "tulip field"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.Html, Does.Not.Contain("tulip field"));
        Assert.That(result.FieldError("passphrase"), Does.Contain("Type the passphrase again"));
        Assert.That(result.Attribute("name=\"passphrase_given\"", "value"), Is.EqualTo("true"));
        Assert.That(result.Attribute("id=\"passphrase\"", "data-val-required"), Does.Contain("Type the passphrase again"));
    }

    [TestCase("/")]
    [TestCase("/generate")]
    public async Task ShouldRefuseToCreate_WhenAPassphraseHadBeenGivenButIsMissingNow(string action)
    {
        using var session = PageSession.Start(_app);
        var form = await session.GetAsync("/");

        var result = await session.PostAsync(action, form, ("secret", action == "/" ? "the vault code" : string.Empty), ("passphrase", string.Empty), ("passphrase_given", "true"));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.Location, Is.Null, "nothing was created");
        Assert.That(result.FieldError("passphrase"), Does.Contain("Type the passphrase again"));
        Assert.That(result.Attribute("name=\"passphrase_given\"", "value"), Is.EqualTo("true"));
    }

    [Test]
    public async Task ShouldSendAReloadOfGenerateBackToTheForm()
    {
        using var session = PageSession.Start(_app);

        var result = await session.GetAsync("/generate");

        result.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(result.Location, Is.EqualTo("/"));
    }

    [Test]
    public async Task ShouldServeItsOwnStylesheetAndScript()
    {
        using var session = PageSession.Start(_app);
        var page = await session.GetAsync("/");

        foreach (var asset in new[] { "/css/site.css", "/js/site.js", "/favicon.svg" })
        {
            var versioned = Regex.Match(page.Html, $"\"({Regex.Escape(asset)}\\?v=[^\"]+)\"");
            Assert.That(versioned.Success, Is.True, $"{asset} is linked with a version");
            var response = await session.Client.GetAsync(WebUtility.HtmlDecode(versioned.Groups[1].Value));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
            Assert.That(response.Headers.CacheControl?.ToString(), Does.Contain("immutable"), asset);
        }
    }
}
