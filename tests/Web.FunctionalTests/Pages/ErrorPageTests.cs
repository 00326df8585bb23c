using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>Pages answer errors with friendly HTML; the API keeps its JSON errors.</summary>
public sealed class ErrorPageTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldShowAnHtmlNotFoundPage_ForAnUnknownPath()
    {
        using var session = PageSession.Start(_app);

        var page = (await session.GetAsync("/no/such/page")).ExpectHtml(HttpStatusCode.NotFound);

        Assert.That(page.Html, Does.Contain("Page not found"));
        page.ExpectSecurityHeaders();
    }

    [Test]
    public async Task ShouldShowAnHtmlPage_ForAWrongMethod()
    {
        using var session = PageSession.Start(_app);

        var page = await Page.ReadAsync(await session.Client.PutAsync("/account/tokens", null));

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed).Or.EqualTo(HttpStatusCode.NotFound));
        Assert.That(page.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(page.Html, Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task ShouldShowAnHtmlPageWithRetryAfter_WhenAPageIsRateLimited()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:SignIn:PermitLimit"] = "1",
            ["RateLimits:SignIn:WindowSeconds"] = "300",
        });
        using var session = PageSession.Start(app);

        var first = await session.SubmitAsync("/signin", "/signin", ("custid", "someone"), ("password", "wrong password"));
        var second = await session.SubmitAsync("/signin", "/signin", ("custid", "someone"), ("password", "wrong password"));

        first.ExpectHtml(HttpStatusCode.BadRequest);
        second.ExpectHtml(HttpStatusCode.TooManyRequests);
        Assert.That(second.Html, Does.Contain("Too many attempts"));
        Assert.That(second.Header("Retry-After"), Is.Not.Null);
        second.ExpectSecurityHeaders();
    }

    [Test]
    public async Task ShouldKeepJsonErrorsForTheApi()
    {
        using var client = _app.CreateClient();

        var unknownSecret = await client.PostAsync("/api/v1/secret/0123456789abcdefghijklmnopqrstu", null);
        var unknownPath = await client.GetAsync("/api/v1/nothing-here");

        var json = await unknownSecret.ExpectJsonAsync(HttpStatusCode.NotFound);
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("Unknown secret"));
        await unknownPath.ExpectJsonAsync(HttpStatusCode.NotFound);
        Assert.That(unknownSecret.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'"), "the API's own policy");
    }
}
