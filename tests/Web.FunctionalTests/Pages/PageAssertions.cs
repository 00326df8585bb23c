using System.Text.RegularExpressions;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

public static class PageAssertions
{
    /// <summary>The headers every page must carry: strict CSP, never stored, never a referrer.</summary>
    public static void ExpectSecurityHeaders(this Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var csp = page.Header("Content-Security-Policy");
        Assert.That(csp, Is.Not.Null, "Content-Security-Policy");
        Assert.That(csp, Does.Contain("default-src 'none'"));
        Assert.That(csp, Does.Contain("script-src 'self'"));
        Assert.That(csp, Does.Contain("style-src 'self'"));
        Assert.That(csp, Does.Not.Contain("unsafe-inline"));
        Assert.That(csp, Does.Not.Contain("unsafe-eval"));
        Assert.That(csp, Does.Contain("frame-ancestors 'none'"));
        Assert.That(page.Header("Cache-Control"), Does.Contain("no-store"));
        Assert.That(page.Header("Referrer-Policy"), Is.EqualTo("no-referrer"));
        Assert.That(page.Header("X-Content-Type-Options"), Is.EqualTo("nosniff"));
    }

    /// <summary>No inline script or style, no script or stylesheet from elsewhere, no key in a query string.</summary>
    public static void ExpectSelfContainedMarkup(this Page page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.That(Regex.IsMatch(page.Html, "<script(?![^>]*\\bsrc=)[^>]*>"), Is.False, "inline <script>");
        Assert.That(page.Html, Does.Not.Contain("<style"), "inline <style>");
        Assert.That(Regex.IsMatch(page.Html, "\\sstyle=\""), Is.False, "style attribute");
        Assert.That(Regex.IsMatch(page.Html, "\\son[a-z]+=\""), Is.False, "inline event handler");
        foreach (Match source in Regex.Matches(page.Html, "<(?:script|link)[^>]*(?:src|href)=\"([^\"]+)\""))
        {
            Assert.That(source.Groups[1].Value, Does.StartWith("/"), $"asset served by the app: {source.Groups[1].Value}");
            Assert.That(source.Groups[1].Value, Does.Not.StartWith("//"));
        }

        Assert.That(Regex.IsMatch(page.Html, "(?:href|action)=\"[^\"]*\\?[^\"]*[0-9a-z]{31}"), Is.False, "a key in a query string");
    }
}
