using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>A creator and a recipient in two browser contexts: share, reveal once, passphrase, burn.</summary>
public sealed class SecretFlowTests : BrowserTestBase
{
    private const string NotFound = "Not found or already viewed";

    [Test]
    public async Task ShouldRevealInAnotherBrowserOnce_AndShowItGoneOnReload()
    {
        var creator = await NewPersonAsync();
        await creator.GotoAsync("/");
        await ScreenshotAsync(creator, "01-home");
        var link = await ShareAsync(creator, "correct horse battery staple\nsecond line");
        await ScreenshotAsync(creator, "02-private");
        Assert.That(link, Does.StartWith(App.BaseAddress.ToString().TrimEnd('/') + "/secret/"));
        await Assertions.Expect(creator.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeVisibleAsync();

        var recipient = await NewPersonAsync();
        var first = await recipient.GotoAsync(link);
        Assert.That(first!.Status, Is.EqualTo(200));
        await Assertions.Expect(recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" })).ToBeVisibleAsync();
        Assert.That(await recipient.ContentAsync(), Does.Not.Contain("correct horse"));
        await ScreenshotAsync(recipient, "03-reveal");

        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-value")).ToHaveValueAsync("correct horse battery staple\nsecond line");
        await Assertions.Expect(recipient.GetByText("This secret is now gone")).ToBeVisibleAsync();
        await Assertions.Expect(recipient.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" })).ToBeVisibleAsync();
        await ScreenshotAsync(recipient, "04-revealed");

        var reload = await recipient.GotoAsync(link);
        Assert.That(reload!.Status, Is.EqualTo(404));
        await Assertions.Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = NotFound })).ToBeVisibleAsync();
        await ScreenshotAsync(recipient, "05-gone");

        await creator.ReloadAsync();
        await Assertions.Expect(creator.GetByText("Viewed by the recipient")).ToBeVisibleAsync();
        await Assertions.Expect(creator.Locator("#share-link")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task ShouldCopyTheRevealedValueToTheClipboard()
    {
        var creator = await NewPersonAsync();
        var link = await ShareAsync(creator, "to the clipboard");
        var recipient = await NewPersonAsync(new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] });
        await recipient.GotoAsync(link);
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();

        await recipient.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" }).ClickAsync();

        await Assertions.Expect(recipient.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        Assert.That(await recipient.EvaluateAsync<string>("() => navigator.clipboard.readText()"), Is.EqualTo("to the clipboard"));
    }

    [Test]
    public async Task ShouldAskForThePassphrase_KeepTheSecretWhenWrong_AndRevealWhenRight()
    {
        var creator = await NewPersonAsync();
        var link = await ShareAsync(creator, "vault combination 12-34-56", passphrase: "blue whale");
        var recipient = await NewPersonAsync();
        await recipient.GotoAsync(link);

        await recipient.GetByLabel("Passphrase").FillAsync("red whale");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.GetByText("That passphrase is not right")).ToBeVisibleAsync();
        await ScreenshotAsync(recipient, "06-wrong-passphrase");

        await recipient.GetByLabel("Passphrase").FillAsync("blue whale");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-value")).ToHaveValueAsync("vault combination 12-34-56");
    }

    [Test]
    public async Task ShouldAskForTheMissingPassphraseInTheBrowser_BeforeSendingAnything()
    {
        var creator = await NewPersonAsync();
        var link = await ShareAsync(creator, "guarded", passphrase: "pw");
        var recipient = await NewPersonAsync();
        await recipient.GotoAsync(link);

        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();

        await Assertions.Expect(recipient.Locator("#passphrase-error")).ToHaveTextAsync("Enter the passphrase to view this secret");
        Assert.That(recipient.Url, Is.EqualTo(link));
    }

    [Test]
    public async Task ShouldBurnAfterConfirming_SoTheLinkNoLongerWorks()
    {
        var creator = await NewPersonAsync();
        var link = await ShareAsync(creator, "burn after reading");
        var privateUrl = creator.Url;

        await creator.GetByRole(AriaRole.Link, new() { Name = "Burn this secret" }).ClickAsync();
        await Assertions.Expect(creator.GetByRole(AriaRole.Heading, new() { Name = "Burn this secret?" })).ToBeVisibleAsync();
        await ScreenshotAsync(creator, "07-confirm-burn");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Yes, burn this secret" }).ClickAsync();

        await creator.WaitForURLAsync(privateUrl);
        await Assertions.Expect(creator.Locator(".state")).ToHaveTextAsync("Burned");
        await ScreenshotAsync(creator, "08-burned");
        var recipient = await NewPersonAsync();
        var response = await recipient.GotoAsync(link);
        Assert.That(response!.Status, Is.EqualTo(404));
        await Assertions.Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = NotFound })).ToBeVisibleAsync();
    }

    [Test]
    public async Task ShouldValidateInTheBrowser_AndCountCharacters()
    {
        var page = await NewPersonAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#secret-error")).ToHaveTextAsync("Type or paste the secret to share");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/"));
        await Assertions.Expect(page.Locator("#secret")).ToBeFocusedAsync();

        await page.GetByLabel("Secret content").FillAsync("héllo 🌍");
        await Assertions.Expect(page.Locator("#secret-counter")).ToHaveTextAsync("7 / 1,000 characters");
        await Assertions.Expect(page.Locator("#secret-error")).ToBeEmptyAsync();
        await page.GetByText("Email the link to someone").ClickAsync();
        await page.GetByLabel("Recipient email").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recipient-error")).ToHaveTextAsync("Recipient must be a valid email address");
        await ScreenshotAsync(page, "09-client-validation");
    }

    [Test]
    public async Task ShouldGenerateAPassword_AndShowItOnce()
    {
        var page = await NewPersonAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate a password" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your generated password" })).ToBeVisibleAsync();
        var value = await page.Locator("#generated-value").InputValueAsync();
        Assert.That(value, Has.Length.EqualTo(12));
        var link = await page.Locator("#share-link").InputValueAsync();
        var recipient = await NewPersonAsync();
        await recipient.GotoAsync(link);
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-value")).ToHaveValueAsync(value);
    }

    [Test]
    public async Task ShouldWorkWithoutJavaScript()
    {
        var creator = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var link = await ShareAsync(creator, "no scripts needed");
        await Assertions.Expect(creator.GetByRole(AriaRole.Button, new() { Name = "Copy link" })).ToBeHiddenAsync();

        var recipient = await NewPersonAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        await recipient.GotoAsync(link);
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-value")).ToHaveValueAsync("no scripts needed");

        await creator.GotoAsync("/");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(creator.Locator("#secret-error")).ToHaveTextAsync("You did not provide anything to share");
    }

    [Test]
    public async Task ShouldFitAPhone_AndFollowTheDarkColorScheme()
    {
        var phone = await NewPersonAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            ColorScheme = ColorScheme.Dark,
            IsMobile = true,
        });
        await phone.GotoAsync("/");

        var scrollWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(375), "no horizontal scrolling on a phone");
        var background = await phone.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.That(background, Is.EqualTo("rgb(18, 20, 26)"), "dark background");
        await ScreenshotAsync(phone, "10-home-phone-dark");

        var link = await ShareAsync(phone, "from a phone");
        Assert.That(link, Does.Contain("/secret/"));
        await ScreenshotAsync(phone, "11-private-phone-dark");
    }

    [Test]
    public async Task ShouldMoveFocusThroughTheFormInReadingOrder()
    {
        var page = await NewPersonAsync();
        await page.GotoAsync("/");
        await page.Locator("#secret").FocusAsync();

        var order = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.textContent.trim()"));
        }

        Assert.That(order, Is.EqualTo(new[] { "passphrase", "Show passphrase", "ttl", "Add a private note", "Email the link to someone", "Password options, for Generate a password", "Create a secret link", "Generate a password" }));
        Assert.That(Regex.IsMatch(await page.ContentAsync(), "<label for=\"secret\">"), Is.True);
    }
}
