using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>
/// One app and one Chromium per fixture; every test opens its own browser contexts (separate cookies, like two
/// different people). Console errors (including Content-Security-Policy violations) fail the test.
/// </summary>
public abstract class BrowserTestBase
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _consoleErrors = [];

    protected BrowserApp App { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    private IPlaywright Playwright { get; set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        DebianChromium.Require();
        App = await BrowserApp.StartAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await DebianChromium.LaunchAsync(Playwright);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    [SetUp]
    public void ClearConsole() => _consoleErrors.Clear();

    [TearDown]
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Assert.That(_consoleErrors, Is.Empty, "browser console errors");
        }
    }

    /// <summary>A new page in a context of its own (a different person, or the same person in another browser).</summary>
    protected async Task<IPage> NewPersonAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = App.BaseAddress.ToString();
        options.ViewportSize ??= new ViewportSize { Width = 1100, Height = 900 };
        var context = await Browser.NewContextAsync(options);
        _contexts.Add(context);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // A page answered with 404 or 400 on purpose logs "Failed to load resource"; anything else (a script
            // error, a Content-Security-Policy violation) is a fault.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
        return page;
    }

    /// <summary>Saves a full-page screenshot and attaches it to the test's results.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    /// <summary>The password of every account <see cref="SignUpAsync"/> makes.</summary>
    protected const string SignUpPassword = "a long browser password";

    /// <summary>Signs up a new account in this page's context and lands on the account page.</summary>
    protected static async Task<string> SignUpAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var custId = $"b{Guid.NewGuid():N}"[..12] + "@example.org";
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email address or user name").FillAsync(custId);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(SignUpPassword);
        await page.GetByLabel("Password again").FillAsync(SignUpPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account");
        return custId;
    }

    /// <summary>
    /// Marks a signed-up account's address as confirmed, as following its verification link does (that flow has tests
    /// of its own), so that it may email recipients.
    /// </summary>
    protected async Task ConfirmAddressAsync(string custId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneTimeSecret.Infrastructure.Persistence.ApplicationDbContext>();
        var confirmed = await db.Customers
            .Where(c => c.CustId == custId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.EmailVerifiedAt, DateTimeOffset.UtcNow));
        Assert.That(confirmed, Is.EqualTo(1));
    }

    /// <summary>Shares a secret with the home page's form and answers the secret's link (from the creator's page).</summary>
    protected static async Task<string> ShareAsync(IPage creator, string secret, string? passphrase = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(creator);
        await creator.GotoAsync("/");
        await creator.GetByLabel("Secret content").FillAsync(secret);
        if (passphrase is not null)
        {
            await creator.GetByLabel("Passphrase").FillAsync(passphrase);
        }

        if (note is not null)
        {
            await creator.GetByText("Add a private note").ClickAsync();
            await creator.GetByLabel("Private note").FillAsync(note);
        }

        await creator.GetByRole(AriaRole.Button, new() { Name = "Create a secret link" }).ClickAsync();
        await creator.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/private/[0-9a-z]{31}$"));
        return await creator.Locator("#share-link").InputValueAsync();
    }
}
