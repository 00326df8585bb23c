using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>
/// Launches Debian's Chromium (<c>/usr/bin/chromium</c>) through Playwright; Playwright never downloads a browser
/// here. Without Chromium the tests fail in CI (which installs it) and are ignored, with the reason, elsewhere.
/// </summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    public static void Require()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        var message = $"Browser tests need Debian's Chromium at {ExecutablePath} (apt-get install -y chromium); "
            + "Playwright is never allowed to download a browser. .ci/run installs it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
    }
}
