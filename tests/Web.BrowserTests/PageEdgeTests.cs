using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>
/// The pages at the edges of the flow (issue 16): a form that comes back after a server-side error, reloads after
/// every create, wrong passphrases, long revealed values, and a phone.
/// </summary>
public sealed partial class PageEdgeTests : BrowserTestBase
{
    private const string TypeAgain = "Type the passphrase again";

    [Test]
    public async Task ShouldKeepTheFormAndRefuseToShareWithoutThePassphrase_AfterAServerSideError_WithoutJavaScript()
    {
        var page = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await page.GotoAsync("/");
        var tooLong = new string('x', 1_001);
        await page.GetByLabel("Secret content").FillAsync(tooLong);
        await page.GetByLabel("Passphrase").FillAsync("tulip field");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();

        await Assertions.Expect(page.Locator("#secret-error")).ToContainTextAsync("at most 1000 characters");
        await Assertions.Expect(page.Locator("#secret")).ToHaveValueAsync(tooLong);
        await Assertions.Expect(page.Locator("#passphrase")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.Locator("#passphrase-error")).ToContainTextAsync(TypeAgain);
        Assert.That(await page.ContentAsync(), Does.Not.Contain("tulip field"), "the passphrase is never echoed into the page");

        // Fix only the secret: the passphrase field insists (the browser's own check; the server checks too).
        await page.GetByLabel("Secret content").FillAsync("the vault code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passphrase")).ToHaveJSPropertyAsync("validity.valueMissing", true);
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));

        await page.GetByLabel("Passphrase").FillAsync("tulip field");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/private/[0-9a-z]{31}$"));
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Required");
    }

    [Test]
    public async Task ShouldKeepTheFormAndRefuseToShareWithoutThePassphrase_AfterTheServerRejectsTheRecipient()
    {
        var page = await NewPersonAsync();
        await ConfirmAddressAsync(await SignUpAsync(page));
        await page.GotoAsync("/");
        await page.GetByLabel("Secret content").FillAsync("the vault code");
        await page.GetByLabel("Passphrase").FillAsync("tulip field");
        await page.GetByText("Email the link to someone").ClickAsync();
        await page.GetByLabel("Recipient email").FillAsync("a..b@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();

        await Assertions.Expect(page.Locator("#recipient-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#secret")).ToHaveValueAsync("the vault code");
        await Assertions.Expect(page.Locator("#recipient")).ToHaveValueAsync("a..b@example.com");
        await Assertions.Expect(page.Locator("#passphrase")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.Locator("#passphrase-error")).ToContainTextAsync(TypeAgain);
        await ScreenshotAsync(page, "edge-01-passphrase-again");

        await page.GetByLabel("Recipient email").FillAsync("anna@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passphrase-error")).ToContainTextAsync(TypeAgain);
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));

        await page.GetByLabel("Passphrase").FillAsync("tulip field");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/private/[0-9a-z]{31}$"));
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Required");
    }

    [Test]
    public async Task ShouldShowTheGeneratedPasswordOnce_AndNeverGenerateAgainOnReloadOrBack()
    {
        var page = await NewPersonAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate a password" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/private/[0-9a-z]{31}$"));
        var privateUrl = page.Url;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your generated password" })).ToBeVisibleAsync();
        Assert.That(await page.Locator("#generated-value").InputValueAsync(), Has.Length.EqualTo(12));
        var link = await page.Locator("#share-link").InputValueAsync();

        var reload = await page.ReloadAsync();
        Assert.That(reload!.Request.Method, Is.EqualTo("GET"), "a reload never posts the form again");
        Assert.That(page.Url, Is.EqualTo(privateUrl));
        await Assertions.Expect(page.Locator("#generated-value")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your secret link" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#share-link")).ToHaveValueAsync(link);

        var back = await page.GoBackAsync();
        Assert.That(back!.Request.Method, Is.EqualTo("GET"));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));
    }

    [Test]
    public async Task ShouldKeepTypedText_WhenGenerateIsPressed()
    {
        var page = await NewPersonAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Secret content").FillAsync("text I typed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate a password" }).ClickAsync();

        await Assertions.Expect(page.Locator("#secret")).ToHaveValueAsync("text I typed");
        await Assertions.Expect(page.Locator("#secret-error")).ToContainTextAsync("Generate a password");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.Not.Match("^/private/"));
    }

    [Test]
    public async Task ShouldShowANewApiTokenOnce_AndNeverMintAnotherOnReload()
    {
        var page = await NewPersonAsync();
        await SignUpAsync(page);
        await page.Locator("#token-password").FillAsync(SignUpPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an API token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-token")).ToHaveValueAsync(new Regex("^[0-9a-z]{40}$"));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/account"));

        var reload = await page.ReloadAsync();

        Assert.That(reload!.Request.Method, Is.EqualTo("GET"));
        await Assertions.Expect(page.Locator("#new-token")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(1);
    }

    [Test]
    public async Task ShouldCountDownTheAttemptsLeft_AndSayTheSecretWasDestroyedAfterTheLast()
    {
        var creator = await NewPersonAsync();
        var link = await ShareAsync(creator, "attempted", passphrase: "right one");
        var privateUrl = creator.Url;
        var recipient = await NewPersonAsync();
        await recipient.GotoAsync(link);

        await recipient.GetByLabel("Passphrase").FillAsync("wrong 1");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#passphrase-error")).ToContainTextAsync("2 attempts left");
        await recipient.GetByLabel("Passphrase").FillAsync("wrong 2");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#passphrase-error")).ToContainTextAsync("1 attempt left");
        await recipient.GetByLabel("Passphrase").FillAsync("wrong 3");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();

        await Assertions.Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "This secret was destroyed" })).ToBeVisibleAsync();
        await Assertions.Expect(recipient.GetByText("too many wrong passphrases")).ToBeVisibleAsync();
        await ScreenshotAsync(recipient, "edge-02-destroyed");
        var again = await recipient.GotoAsync(link);
        Assert.That(again!.Status, Is.EqualTo(404));
        await Assertions.Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "This secret was destroyed" })).ToBeVisibleAsync();

        await creator.GotoAsync(privateUrl);
        await Assertions.Expect(creator.GetByText("destroyed because too many wrong passphrases were tried")).ToBeVisibleAsync();
    }

    [Test]
    public async Task ShouldShowAndHideThePassphrase_WithTheScript_AndBeAPlainFieldWithout()
    {
        var page = await NewPersonAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Passphrase").FillAsync("peek");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show passphrase" });

        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("#passphrase")).ToHaveAttributeAsync("type", "text");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("#passphrase")).ToHaveAttributeAsync("type", "password");

        await page.GotoAsync("/signin");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show password" })).ToBeVisibleAsync();

        var plain = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await plain.GotoAsync("/");
        await Assertions.Expect(plain.Locator("#passphrase")).ToHaveAttributeAsync("type", "password");
        await Assertions.Expect(plain.GetByRole(AriaRole.Button, new() { Name = "Show passphrase" })).ToHaveCountAsync(0);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldShowTheRevealedValueWhole_WithItsLeadingNewline(bool javaScript)
    {
        var value = "\n-----BEGIN CERTIFICATE-----\n" + LongToken() + "\n-----END CERTIFICATE-----";
        var creator = await NewPersonAsync();
        var link = await ShareAsync(creator, value);
        var recipient = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        await recipient.GotoAsync(link);
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();

        var box = recipient.Locator("#secret-value");
        await Assertions.Expect(box).ToHaveValueAsync(value);
        await Assertions.Expect(box).ToHaveAttributeAsync("dir", "auto");
        var hidden = await box.EvaluateAsync<int>("e => e.scrollHeight - e.clientHeight");
        Assert.That(hidden, Is.LessThanOrEqualTo(1), "no line of the value is hidden behind a scroll bar");
        if (javaScript)
        {
            await Assertions.Expect(recipient.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" })).ToHaveClassAsync(new Regex("\\bprimary\\b"));
            await ScreenshotAsync(recipient, "edge-03-long-value");
        }
    }

    [Test]
    public async Task ShouldFitAPhone_PrimaryButtonOnTheFirstScreen_WholeLink_AndTablesAsCards()
    {
        var phone = await NewPersonAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        await phone.GotoAsync("/");
        var button = await phone.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).BoundingBoxAsync();
        Assert.That(button!.Y + button.Height, Is.LessThanOrEqualTo(844), "the primary button is on the first screen");

        await ShareAsync(phone, "from a phone");
        var overflow = await phone.Locator("#share-link").EvaluateAsync<int>("e => Math.max(e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight)");
        Assert.That(overflow, Is.LessThanOrEqualTo(1), "the whole link is readable");
        await ScreenshotAsync(phone, "edge-04-private-phone");

        await SignUpAsync(phone);
        await phone.Locator("#token-password").FillAsync(SignUpPassword);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Create an API token" }).ClickAsync();
        await ShareAsync(phone, "listed");
        await phone.GotoAsync("/account");
        var displays = await phone.Locator("table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => getComputedStyle(r).display)");
        Assert.That(displays, Is.Not.Empty.And.All.Not.EqualTo("table-row"), "table rows become cards on a phone");
        var scroll = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.That(scroll, Is.LessThanOrEqualTo(390));
        await ScreenshotAsync(phone, "edge-05-account-phone");
    }

    private static string LongToken()
    {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return string.Concat(Enumerable.Range(0, 885).Select(i => alphabet[(i * 7) % alphabet.Length]));
    }
}
