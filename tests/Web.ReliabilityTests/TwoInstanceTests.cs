using System.Net;
using System.Text.RegularExpressions;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>Two app processes on one PostgreSQL database behave as one service for people in a browser.</summary>
[NonParallelizable]
public sealed partial class TwoInstanceTests : ReliabilityTest
{
    [Test]
    public async Task ShouldAcceptAFormRenderedByOneInstance_WhenItIsPostedToTheOther()
    {
        ReliabilityReport.Begin("Several instances", "share form rendered by instance A (antiforgery token and cookie), posted to instance B");
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var first = new AppInstance(postgres.AppConnectionString());
        await first.StartAsync();
        await using var second = new AppInstance(postgres.AppConnectionString());
        await second.StartAsync();
        var cookies = new CookieContainer();
        using var clientA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = first.BaseAddress };
        using var clientB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = second.BaseAddress };

        var form = await clientA.GetStringAsync("/");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        SensitiveValues.Add("shared across instances 7d7d");
        using var post = await clientB.PostAsync("/", new FormUrlEncodedContent(
        [
            new("__csrf", WebUtility.HtmlDecode(token)),
            new("secret", "shared across instances 7d7d"),
            new("ttl", "3600"),
        ]));

        ReliabilityReport.Fact($"instance B answered {(int)post.StatusCode}, a redirect to the creator's page, which instance A then showed");
        Assert.That(token, Is.Not.Empty, "the form carries an antiforgery token");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(post.Headers.Location?.ToString(), Does.Match("^/private/[0-9a-z]{31}$"));
        var privatePage = await clientA.GetAsync(post.Headers.Location);
        Assert.That(privatePage.StatusCode, Is.EqualTo(HttpStatusCode.OK), "instance A shows the creator's page of a secret made on B");
    }

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
