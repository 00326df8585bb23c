using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>
/// axe-core (from npm, <c>node_modules/axe-core</c>) on every page state, light and dark, with a screenshot of each
/// on a desktop and a phone; and the contrast of focus rings, field borders and buttons from computed styles,
/// which axe does not check.
/// </summary>
public sealed partial class AccessibilityTests : BrowserTestBase
{
    private static readonly string AxeScript = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "node_modules", "axe-core", "axe.min.js");

    private readonly List<string> _violations = [];

    [TestCase(ColorScheme.Light)]
    [TestCase(ColorScheme.Dark)]
    public async Task ShouldHaveNoAxeViolations_OnEveryPageState(ColorScheme scheme)
    {
        Assert.That(File.Exists(AxeScript), Is.True, $"axe-core is installed at {AxeScript} (npm ci in tests/Web.BrowserTests)");
        var name = scheme.ToString().ToLowerInvariant();
        var creator = await NewAxePersonAsync(scheme);
        var recipient = await NewAxePersonAsync(scheme);

        await creator.GotoAsync("/");
        await CheckAsync(creator, $"{name}-home");
        await creator.GetByLabel("Secret content").FillAsync(new string('x', 1_001));
        await creator.Locator("#passphrase").FillAsync("pw");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(creator.Locator("#secret-error")).Not.ToBeEmptyAsync();
        await CheckAsync(creator, $"{name}-home-client-errors");

        // The same mistake past the script's checks, as the server answers it.
        await creator.EvaluateAsync("() => document.querySelectorAll('[data-val]').forEach(e => e.removeAttribute('data-val'))");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(creator.Locator("#passphrase-error")).ToContainTextAsync("Type the passphrase again");
        await CheckAsync(creator, $"{name}-home-server-errors");

        var link = await ShareAsync(creator, "for the checks", passphrase: "right", note: "db password for Anna");
        await CheckAsync(creator, $"{name}-private");

        // Issue 16 item 8: the form says the recipient is emailed; the creator's page says whether it went out.
        await creator.GotoAsync("/");
        await Assertions.Expect(creator.Locator("#recipient-hint")).ToContainTextAsync("We will email this person the link");
        await creator.GetByLabel("Secret content").FillAsync("for the recipient");
        await creator.GetByText("Email the link to someone").ClickAsync();
        await creator.GetByLabel("Recipient email").FillAsync("fred@example.org");
        await creator.GetByLabel("Message to the recipient").FillAsync("From the browser tests");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await Assertions.Expect(creator.Locator("#email-status")).ToContainTextAsync("Pending: not sent yet");
        await CheckAsync(creator, $"{name}-private-email");

        // Issue 15 item 5: the page of an address verification link, before and after its button.
        await creator.GotoAsync("/verify/" + new string('a', 31));
        await CheckAsync(creator, $"{name}-verify");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Assertions.Expect(creator.Locator("p.notice")).ToContainTextAsync("unknown, was already used, or has expired");
        await CheckAsync(creator, $"{name}-verify-failed");

        await recipient.GotoAsync(link);
        await CheckAsync(recipient, $"{name}-reveal-passphrase");
        await recipient.Locator("#passphrase").FillAsync("wrong");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#passphrase-error")).Not.ToBeEmptyAsync();
        await CheckAsync(recipient, $"{name}-reveal-wrong");
        await recipient.Locator("#passphrase").FillAsync("right");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-value")).ToBeVisibleAsync();
        await CheckAsync(recipient, $"{name}-revealed");
        await recipient.GotoAsync(link);
        await CheckAsync(recipient, $"{name}-not-found");

        await creator.ReloadAsync();
        await CheckAsync(creator, $"{name}-private-received");

        var destroyed = await ShareAsync(creator, "to destroy", passphrase: "right");
        await recipient.GotoAsync(destroyed);
        for (var i = 0; i < 3; i++)
        {
            await recipient.Locator("#passphrase").FillAsync($"wrong {i}");
            await recipient.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        }

        await Assertions.Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "This secret was destroyed" })).ToBeVisibleAsync();
        await CheckAsync(recipient, $"{name}-destroyed");

        await ShareAsync(creator, "to burn");
        await creator.GetByRole(AriaRole.Link, new() { Name = "Burn this secret" }).ClickAsync();
        await CheckAsync(creator, $"{name}-confirm-burn");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Yes, burn this secret" }).ClickAsync();
        await Assertions.Expect(creator.Locator(".state")).ToHaveTextAsync("Burned");
        await CheckAsync(creator, $"{name}-burned");

        await creator.GotoAsync("/");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Generate a password" }).ClickAsync();
        await Assertions.Expect(creator.Locator("#generated-value")).ToBeVisibleAsync();
        await CheckAsync(creator, $"{name}-generated");

        await creator.GotoAsync("/signin");
        await CheckAsync(creator, $"{name}-signin");
        await creator.GotoAsync("/signup");
        await CheckAsync(creator, $"{name}-signup");
        await SignUpAsync(creator);
        await CheckAsync(creator, $"{name}-account-empty");
        await creator.Locator("#token-password").FillAsync(SignUpPassword);
        await creator.GetByRole(AriaRole.Button, new() { Name = "Create an API token" }).ClickAsync();
        await ShareAsync(creator, "listed", note: "db password for Anna");
        await creator.GotoAsync("/account");
        await CheckAsync(creator, $"{name}-account");

        // A request for a secret: the account page lists it, the sender's page in its states.
        await creator.GetByLabel("Note for the sender").FillAsync("The staging password, please");
        await creator.GetByRole(AriaRole.Button, new() { Name = "Request a secret" }).ClickAsync();
        var requestLink = await creator.Locator("input[id^='request-link-']").InputValueAsync();
        await CheckAsync(creator, $"{name}-account-requests");
        await recipient.GotoAsync(requestLink);
        await CheckAsync(recipient, $"{name}-request-form");
        await recipient.EvaluateAsync("() => document.querySelectorAll('[data-val]').forEach(e => e.removeAttribute('data-val'))");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Send the secret" }).ClickAsync();
        await Assertions.Expect(recipient.Locator("#secret-error")).Not.ToBeEmptyAsync();
        await CheckAsync(recipient, $"{name}-request-form-errors");
        await recipient.GetByLabel("Secret content").FillAsync("requested value");
        await recipient.GetByRole(AriaRole.Button, new() { Name = "Send the secret" }).ClickAsync();
        await Assertions.Expect(recipient.GetByRole(AriaRole.Heading, new() { Name = "Secret sent" })).ToBeVisibleAsync();
        await CheckAsync(recipient, $"{name}-request-sent");
        await recipient.GotoAsync(requestLink);
        await CheckAsync(recipient, $"{name}-request-unknown");
        await creator.GotoAsync("/account");
        await CheckAsync(creator, $"{name}-account-request-answered");
        await creator.GotoAsync("/no-such-page");
        await CheckAsync(creator, $"{name}-page-not-found");
        await creator.GotoAsync("/private/0123456789abcdefghijklmnopqrstu");
        await CheckAsync(creator, $"{name}-private-not-found");

        Assert.That(_violations, Is.Empty, "axe-core violations");
    }

    [TestCase(ColorScheme.Light)]
    [TestCase(ColorScheme.Dark)]
    public async Task ShouldGiveFocusRingsBordersAndButtonsEnoughContrast(ColorScheme scheme)
    {
        var page = await NewPersonAsync(new BrowserNewContextOptions { ColorScheme = scheme });
        await ShareAsync(page, "contrast");
        var card = Rgb(await page.Locator(".card").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        var body = Rgb(await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));

        var danger = page.Locator(".button.danger");
        Assert.That(
            Contrast(Rgb(await danger.EvaluateAsync<string>("e => getComputedStyle(e).color")), Rgb(await danger.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"))),
            Is.GreaterThanOrEqualTo(4.5),
            "danger button text");
        var received = await page.EvaluateAsync<string>("() => { const s = document.createElement('span'); s.className = 'state state-received'; document.querySelector('.card').append(s); return getComputedStyle(s).color; }");
        Assert.That(Contrast(Rgb(received), card), Is.GreaterThanOrEqualTo(4.5), "the received pill");

        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        await page.Locator("#secret").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var field = page.Locator("#passphrase");
        await Assertions.Expect(field).ToBeFocusedAsync();
        var ring = Rgb(await field.EvaluateAsync<string>("e => getComputedStyle(e).outlineColor"));
        var fieldBackground = Rgb(await field.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.That(Contrast(ring, card), Is.GreaterThanOrEqualTo(3), "focus ring against the card");
        Assert.That(Contrast(ring, body), Is.GreaterThanOrEqualTo(3), "focus ring against the page");
        await page.Locator("#ttl").FocusAsync();
        var border = Rgb(await field.EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor"));
        Assert.That(Contrast(border, card), Is.GreaterThanOrEqualTo(3), "field border against the card");
        Assert.That(Contrast(border, fieldBackground), Is.GreaterThanOrEqualTo(3), "field border against the field");
    }

    private async Task<IPage> NewAxePersonAsync(ColorScheme scheme) =>

        // axe is injected as an inline script, which the pages' Content-Security-Policy rightly refuses.
        await NewPersonAsync(new BrowserNewContextOptions { ColorScheme = scheme, BypassCSP = true });

    /// <summary>axe-core on the page as it is, then screenshots on a desktop and on a phone (checked again there).</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        await AxeAsync(page, name);
        await ScreenshotAsync(page, $"{name}-desktop");
        var desktop = page.ViewportSize;
        await page.SetViewportSizeAsync(390, 844);
        await AxeAsync(page, $"{name} (phone)");
        await ScreenshotAsync(page, $"{name}-phone");
        await page.SetViewportSizeAsync(desktop!.Width, desktop.Height);
    }

    private async Task AxeAsync(IPage page, string name)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        }

        var found = await page.EvaluateAsync<string[]>(
            """
            async () => {
                const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
                return result.violations.map(v => v.id + ": " + v.help + " at " + v.nodes.map(n => n.target.join(" ")).join(", "));
            }
            """);
        _violations.AddRange(found.Select(v => $"{name}: {v}"));
    }

    private static (double R, double G, double B) Rgb(string css)
    {
        var match = RgbPattern().Match(css);
        Assert.That(match.Success, Is.True, $"a colour like rgb(...): {css}");
        return (Channel(match.Groups[1].Value), Channel(match.Groups[2].Value), Channel(match.Groups[3].Value));
    }

    private static double Channel(string value) => double.Parse(value, CultureInfo.InvariantCulture) / 255;

    /// <summary>WCAG 2 contrast ratio of two opaque colours.</summary>
    private static double Contrast((double R, double G, double B) a, (double R, double G, double B) b)
    {
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        static double Luminance((double R, double G, double B) c) => (0.2126 * Linear(c.R)) + (0.7152 * Linear(c.G)) + (0.0722 * Linear(c.B));
        var (light, dark) = (Math.Max(Luminance(a), Luminance(b)), Math.Min(Luminance(a), Luminance(b)));
        return (light + 0.05) / (dark + 0.05);
    }

    [GeneratedRegex(@"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)")]
    private static partial Regex RgbPattern();
}
