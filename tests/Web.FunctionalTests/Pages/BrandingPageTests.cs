using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>
/// Branding for self-hosters (issue 16, item 12): the site name, a logo and an accent colour from settings, so that
/// recipients can tell the company's service from onetimesecret.com; colours that would fail WCAG AA are refused at
/// start-up, and the logo is served by the app itself (the pages' CSP allows no other origin).
/// </summary>
public sealed partial class BrandingPageTests
{
    private const string Logo = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b7285"/></svg>""";

    private string _folder = null!;

    [SetUp]
    public void MakeFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"ots-brand-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task ShouldShowTheSiteNameLogoAndAccent_WhenTheyAreConfigured()
    {
        var logoFile = Path.Combine(_folder, "logo.svg");
        await File.WriteAllTextAsync(logoFile, Logo);
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["App:SiteName"] = "Example Corp Secrets",
            ["App:LogoFile"] = logoFile,
            ["App:AccentColor"] = "#0B7285",
        });
        using var session = PageSession.Start(app);

        var page = (await session.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);
        var logoPath = page.Attribute("class=\"brand-logo\"", "src");
        var stylesheet = page.Attribute("id=\"brand-stylesheet\"", "href");
        var logo = await session.Client.GetAsync(logoPath);
        var css = await session.Client.GetAsync(stylesheet);
        var cssText = await css.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Html, Does.Contain("<title>Share a secret · Example Corp Secrets</title>"));
            Assert.That(page.Html, Does.Contain("Example Corp Secrets</a>"), "the header names the site");
            Assert.That(logoPath, Does.Match("^/branding/logo\\?v=[0-9a-f]+$"));
            Assert.That(logo.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(logo.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
            Assert.That(await logo.Content.ReadAsStringAsync(), Is.EqualTo(Logo));
            Assert.That(logo.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
            Assert.That(stylesheet, Does.Match("^/branding\\.css\\?v=[0-9a-f]+$"));
            Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
            Assert.That(cssText, Does.Contain("--accent: #0b7285;"));
        }

        // Dark mode gets a lighter shade of the same colour, readable on the dark cards (4.5:1, WCAG AA).
        var dark = DarkAccent().Match(cssText);
        Assert.That(dark.Success, Is.True, cssText);
        Assert.That(Contrast(dark.Groups[1].Value, "#1b1e26"), Is.GreaterThanOrEqualTo(4.5));
    }

    [Test]
    public async Task ShouldKeepTheBuiltInLook_WhenNothingIsConfigured()
    {
        await using var app = await OneTimeSecretApp.StartAsync();
        using var session = PageSession.Start(app);

        var page = (await session.GetAsync("/")).ExpectHtml(HttpStatusCode.OK);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Html, Does.Not.Contain("brand-stylesheet").And.Not.Contain("brand-logo"));
            Assert.That((await session.Client.GetAsync("/branding/logo")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await session.Client.GetAsync("/branding.css")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [TestCase("App:AccentColor", "yellow", "App:AccentColor must be a colour like #0b7285")]
    [TestCase("App:AccentColor", "#ffd43b", "App:AccentColor")]
    [TestCase("App:AccentColorDark", "#1c2030", "App:AccentColorDark")]
    [TestCase("App:LogoFile", "/nonexistent/logo.svg", "App:LogoFile")]
    [TestCase("App:LogoFile", "logo.gif", "App:LogoFile")]
    public void ShouldRefuseToStart_WhenABrandSettingIsWrong(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key == "App:AccentColorDark")
        {
            settings["App:AccentColor"] = "#0b7285";
        }

        var error = Assert.CatchAsync(async () =>
        {
            await using var app = await OneTimeSecretApp.StartAsync(settings: settings);
        });

        Assert.That(error, Is.InstanceOf<OptionsValidationException>().Or.InstanceOf<InvalidOperationException>());
        Assert.That(error!.Message, Does.Contain(named));
    }

    /// <summary>The colours the checks measure against are the stylesheet's own (one palette, in site.css).</summary>
    [Test]
    public async Task ShouldMeasureContrastAgainstTheStylesheetsSurfaces()
    {
        await using var app = await OneTimeSecretApp.StartAsync();
        using var session = PageSession.Start(app);
        var css = await session.Client.GetStringAsync("/css/site.css");
        var surfaces = Surface().Matches(css).Select(m => m.Groups[1].Value).ToList();

        Assert.That(surfaces, Is.EqualTo(new[] { Site.AccentPalette.LightSurface, Site.AccentPalette.DarkSurface }));
    }

    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
        }

        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    [GeneratedRegex(@"prefers-color-scheme: dark\)\s*\{\s*:root\s*\{[^}]*--accent: (#[0-9a-f]{6});")]
    private static partial Regex DarkAccent();

    [GeneratedRegex(@"--surface: (#[0-9a-f]{6});")]
    private static partial Regex Surface();
}
