using System.Net;
using System.Text.RegularExpressions;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>
/// Requests for a secret in the pages: the account page asks and lists, the sender's page at <c>/request/{key}</c>
/// answers once without JavaScript (post/redirect/get) and keeps nothing the sender could read back.
/// </summary>
public sealed partial class RequestPageTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string NewCustId() => $"asker{Guid.NewGuid():N}"[..20] + "@example.org";

    [GeneratedRegex("/request/([0-9a-z]{31})")]
    private static partial Regex RequestLink();

    /// <summary>Signs up, asks for a secret on the account page, and answers the request's path.</summary>
    private static async Task<string> RequestThroughTheAccountPageAsync(PageSession requester, string custId, string note)
    {
        await requester.SignUpAsync(custId);
        var created = await requester.SubmitAsync("/account", "/account/requests", ("note", note), ("ttl", "86400"), ("secret_ttl", "3600"));
        created.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(created.Location, Is.EqualTo("/account"));
        var account = (await requester.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);
        var match = RequestLink().Match(account.Html);
        Assert.That(match.Success, Is.True, "the account page lists the request's link");
        LogCapture.AddSensitive(match.Groups[1].Value);
        return match.Value;
    }

    [Test]
    public async Task ShouldTakeTheSecretOnce_AndShowTheSenderNothingToReadBack()
    {
        using var requester = PageSession.Start(_app);
        var custId = NewCustId();
        var requestPath = await RequestThroughTheAccountPageAsync(requester, custId, "Your <VPN> key & password");
        using var sender = PageSession.Start(_app);

        var form = (await sender.GetAsync(requestPath)).ExpectHtml(HttpStatusCode.OK);
        var sent = await sender.PostAsync(requestPath, form, ("secret", "the vpn key 1234"), ("passphrase", string.Empty));
        var sentPage = (await sender.GetAsync(sent.Location!)).ExpectHtml(HttpStatusCode.OK);
        var twice = await sender.PostAsync(requestPath, form, ("secret", "a second answer"));
        var revisit = await sender.GetAsync(requestPath);
        var account = (await requester.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);

        Assert.That(form.Html, Does.Contain(custId));
        Assert.That(form.Html, Does.Contain("Your &lt;VPN&gt; key &amp; password"), "the note is text, never HTML");
        Assert.That(form.Html, Does.Contain("<form method=\"post\" action=\"" + requestPath + "\""));
        form.ExpectSecurityHeaders();
        form.ExpectSelfContainedMarkup();
        sent.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(sent.Location, Is.EqualTo("/request/sent"), "post/redirect/get: a reload shows the page, never posts again");
        Assert.That(sentPage.Html, Does.Contain("Secret sent"));
        Assert.That(sentPage.Html, Does.Not.Contain("the vpn key 1234"));
        Assert.That(sentPage.Html, Does.Not.Contain("/secret/").And.Not.Contain("/private/").And.Not.Contain(requestPath));
        sentPage.ExpectSecurityHeaders();
        twice.ExpectHtml(HttpStatusCode.NotFound);
        Assert.That(twice.Html, Does.Contain("Unknown request"));
        revisit.ExpectHtml(HttpStatusCode.NotFound);
        Assert.That(revisit.Html, Does.Contain("Unknown request"));
        Assert.That(account.Html, Does.Contain("Answered"));
        Assert.That(account.Html, Does.Match("href=\"/private/[0-9a-z]{31}\""), "the answered secret is in the recent list");
    }

    [Test]
    public async Task ShouldSayWhetherTheRequestersNameIsConfirmed()
    {
        using var unconfirmed = PageSession.Start(_app);
        var unconfirmedPath = await RequestThroughTheAccountPageAsync(unconfirmed, NewCustId(), "from a sign-up account");
        var confirmedCustId = NewCustId();
        var issued = await _app.AddAccountAsync(confirmedCustId);
        using var asOperatorsAccount = _app.CreateClient(issued.CustId, issued.ApiToken);
        var created = await (await asOperatorsAccount.PostFormAsync("/api/v1/requests", ("note", "from an account the operator made"))).ExpectJsonAsync(HttpStatusCode.OK);
        var confirmedKey = created["request_key"]!.GetValue<string>();
        LogCapture.AddSensitive(confirmedKey);
        using var sender = PageSession.Start(_app);

        var unconfirmedPage = (await sender.GetAsync(unconfirmedPath)).ExpectHtml(HttpStatusCode.OK);
        var confirmedPage = (await sender.GetAsync($"/request/{confirmedKey}")).ExpectHtml(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(unconfirmedPage.Html, Does.Contain("Not confirmed.").And.Not.Contain("Confirmed account."));
            Assert.That(unconfirmedPage.Html, Does.Contain("only what someone typed when signing up"));
            Assert.That(confirmedPage.Html, Does.Contain("Confirmed account.").And.Not.Contain("Not confirmed."));
            Assert.That(confirmedPage.Html, Does.Contain(confirmedCustId));
        });
    }

    [Test]
    public async Task ShouldShowTheFormAgainWithTheError_WhenTheSecretIsEmpty()
    {
        using var requester = PageSession.Start(_app);
        var requestPath = await RequestThroughTheAccountPageAsync(requester, NewCustId(), string.Empty);
        using var sender = PageSession.Start(_app);
        var form = await sender.GetAsync(requestPath);

        var empty = await sender.PostAsync(requestPath, form, ("secret", "   "));
        var afterwards = (await sender.GetAsync(requestPath)).ExpectHtml(HttpStatusCode.OK);

        empty.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(empty.FieldError("secret"), Is.EqualTo("You did not provide anything to share"));
        Assert.That(afterwards.Html, Does.Contain("Send the secret"), "a refused answer leaves the request open");
    }

    [Test]
    public async Task ShouldCloseTheLink_WhenTheRequesterCancelsItOnTheAccountPage()
    {
        using var requester = PageSession.Start(_app);
        var requestPath = await RequestThroughTheAccountPageAsync(requester, NewCustId(), "cancel me");
        var key = requestPath.Split('/').Last();

        var cancelled = await requester.SubmitAsync("/account", "/account/requests/cancel", ("request_key", key));
        var account = (await requester.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);
        using var sender = PageSession.Start(_app);
        var visit = await sender.GetAsync(requestPath);

        cancelled.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(account.Html, Does.Contain("The request was cancelled"));
        Assert.That(account.Html, Does.Contain("Cancelled"));
        visit.ExpectHtml(HttpStatusCode.NotFound);
        Assert.That(visit.Html, Does.Contain("Unknown request"));
    }

    [Test]
    public async Task ShouldRefuseALongNote_OnTheAccountPage()
    {
        using var requester = PageSession.Start(_app);
        await requester.SignUpAsync(NewCustId());

        var refused = await requester.SubmitAsync("/account", "/account/requests", ("note", new string('n', 501)));

        refused.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(refused.FieldError("note"), Is.EqualTo("Note must be no more than 500 characters long"));
    }
}
