using System.Net;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>The pages' forms have the API's body limit, and an oversized value is never sent back in a page.</summary>
public sealed class PageBodyLimitTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldRefuseA3MegabyteSecret_WithoutEchoingIt()
    {
        using var session = PageSession.Start(_app);
        var huge = new string('h', 3 * 1024 * 1024);

        var result = await session.SubmitAsync("/", "/", ("secret", huge));

        result.ExpectHtml(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(result.Html, Does.Not.Contain(new string('h', 1_000)));
        Assert.That(result.Html.Length, Is.LessThan(64 * 1024));
    }

    [Test]
    public async Task ShouldRefuseAChunkedBodyOverTheLimit()
    {
        using var session = PageSession.Start(_app);
        var form = await session.GetAsync("/");
        var body = $"__csrf={Uri.EscapeDataString(form.AntiforgeryToken())}&secret={new string('c', 400 * 1024)}";
        // A pipe cannot tell its length, so the body goes chunked, without Content-Length. It never pauses the writer:
        // the whole body is written before the request starts.
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
        await pipe.Writer.WriteAsync(System.Text.Encoding.ASCII.GetBytes(body));
        await pipe.Writer.CompleteAsync();
        using var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var response = await session.Client.PostAsync("/", content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(content.Headers.ContentLength, Is.Null, "sent chunked");
        Assert.That((int)response.StatusCode, Is.AnyOf(400, 413));
        Assert.That(html, Does.Not.Contain(new string('c', 1_000)));
    }

    [Test]
    public async Task ShouldNotEchoASecretLongerThanThePlanAllows()
    {
        using var session = PageSession.Start(_app);
        var tooLong = new string('t', 150_000); // 150 times the anonymous plan's limit

        var result = await session.SubmitAsync("/", "/", ("secret", tooLong));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.Html, Does.Contain("Your plan allows secrets of at most"));
        Assert.That(result.Html, Does.Not.Contain(new string('t', 1_000)));
    }
}
