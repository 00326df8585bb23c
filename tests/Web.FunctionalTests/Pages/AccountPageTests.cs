using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Customers.Commands.RemoveCustomer;

namespace OneTimeSecret.Web.FunctionalTests.Pages;

/// <summary>Sign up, sign in and out, the account page, API tokens, and the plan's limits in the form.</summary>
public sealed class AccountPageTests
{
    private const string Password = "correct horse battery";

    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string NewCustId() => $"user{Guid.NewGuid():N}"[..20] + "@example.org";

    [Test]
    public async Task ShouldSignUpAndShowTheAccountWithItsPlan()
    {
        using var session = PageSession.Start(_app);
        var custId = NewCustId();

        var signUp = await session.SubmitAsync("/signup", "/signup", ("custid", custId), ("password", Password), ("confirm_password", Password));

        signUp.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(signUp.Location, Is.EqualTo("/account"));
        Assert.That(signUp.Header("Set-Cookie"), Does.Contain("__Host-ots_session=").And.Contain("httponly").And.Contain("secure").And.Contain("path=/"));
        Assert.That(signUp.Header("Set-Cookie"), Does.Not.Contain("domain="));
        var account = (await session.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);
        Assert.That(account.Html, Does.Contain(custId));
        Assert.That(account.Html, Does.Contain("<strong>basic</strong>"));
        Assert.That(account.Html, Does.Contain("No API tokens yet"));
        account.ExpectSecurityHeaders();
        account.ExpectSelfContainedMarkup();
    }

    [Test]
    public async Task ShouldExplainNextToTheFields_WhenTheSignUpIsInvalid()
    {
        using var session = PageSession.Start(_app);

        var shortPassword = await session.SubmitAsync("/signup", "/signup", ("custid", "has space"), ("password", "short"), ("confirm_password", "short"));
        var differing = await session.SubmitAsync("/signup", "/signup", ("custid", NewCustId()), ("password", Password), ("confirm_password", Password + "!"));

        shortPassword.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(shortPassword.FieldError("custid"), Does.Contain("without spaces"));
        Assert.That(shortPassword.FieldError("password"), Does.Contain("at least 10 characters"));
        Assert.That(shortPassword.InputValue("custid"), Is.EqualTo("has space"));
        Assert.That(shortPassword.Html, Does.Not.Contain("value=\"short\""));
        differing.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(differing.FieldError("confirm_password"), Is.EqualTo("The two passwords differ"));
    }

    [Test]
    public async Task ShouldRefuseASecondAccountWithTheSameName()
    {
        var custId = NewCustId();
        using (var first = PageSession.Start(_app))
        {
            await first.SignUpAsync(custId);
        }

        using var second = PageSession.Start(_app);
        var result = await second.SubmitAsync("/signup", "/signup", ("custid", custId.ToUpperInvariant()), ("password", Password), ("confirm_password", Password));

        result.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(result.FieldError("custid"), Is.EqualTo("An account with that name already exists"));
    }

    [Test]
    public async Task ShouldSignInWithTheRightPassword_AndRefuseAWrongOneWithoutSayingWhich()
    {
        var custId = NewCustId();
        using (var signUp = PageSession.Start(_app))
        {
            await signUp.SignUpAsync(custId, Password);
        }

        using var session = PageSession.Start(_app);
        var wrong = await session.SubmitAsync("/signin", "/signin", ("custid", custId), ("password", "not the password"));
        var unknown = await session.SubmitAsync("/signin", "/signin", ("custid", "nobody@example.org"), ("password", Password));
        var right = await session.SubmitAsync("/signin", "/signin", ("custid", custId), ("password", Password));

        wrong.ExpectHtml(HttpStatusCode.BadRequest);
        unknown.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(wrong.Html, Does.Contain("Wrong email address, user name or password"));
        Assert.That(unknown.Html, Does.Contain("Wrong email address, user name or password"));
        right.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(right.Location, Is.EqualTo("/account"));
        (await session.GetAsync("/account")).ExpectStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task ShouldSendAnonymousVisitorsOfTheAccountPageToSignIn_WithoutAReturnUrl()
    {
        using var session = PageSession.Start(_app);

        var page = await session.GetAsync("/account");

        page.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(page.Location, Is.EqualTo("/signin"));
    }

    [Test]
    public async Task ShouldSignOut()
    {
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(NewCustId());
        var account = await session.GetAsync("/account");

        var signOut = await session.PostAsync("/signout", account);

        signOut.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(signOut.Location, Is.EqualTo("/"));
        Assert.That((await session.GetAsync("/account")).Location, Is.EqualTo("/signin"));
    }

    [Test]
    public async Task ShouldEndTheSession_WhenSignedOut_SoACopyOfTheOldCookieNoLongerOpensTheAccount()
    {
        using var session = PageSession.Start(_app);
        var stolenCookie = (await session.SignUpAsync(NewCustId())).SetCookie("ots_session");
        using (var copy = CookieClient(stolenCookie))
        {
            (await Page.ReadAsync(await copy.GetAsync("/account"))).ExpectStatus(HttpStatusCode.OK);
        }

        (await session.PostAsync("/signout", await session.GetAsync("/account"))).ExpectStatus(HttpStatusCode.Redirect);

        using var replay = CookieClient(stolenCookie);
        var page = await Page.ReadAsync(await replay.GetAsync("/account"));
        page.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(page.Location, Is.EqualTo("/signin"));
    }

    [Test]
    public async Task ShouldEndEverySessionOfTheAccount_WhenSignedOutEverywhere()
    {
        var custId = NewCustId();
        using var here = PageSession.Start(_app);
        using var elsewhere = PageSession.Start(_app);
        await here.SignUpAsync(custId, Password);
        (await elsewhere.SubmitAsync("/signin", "/signin", ("custid", custId), ("password", Password))).ExpectStatus(HttpStatusCode.Redirect);
        (await elsewhere.GetAsync("/account")).ExpectStatus(HttpStatusCode.OK);

        var account = (await here.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);
        Assert.That(account.Html, Does.Contain("action=\"/account/signout-everywhere\""));
        var signedOut = await here.PostAsync("/account/signout-everywhere", account);

        signedOut.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That((await elsewhere.GetAsync("/account")).Location, Is.EqualTo("/signin"));
        Assert.That((await here.GetAsync("/account")).Location, Is.EqualTo("/signin"));
    }

    [Test]
    public async Task ShouldEndABusySession_AfterItsAbsoluteLifetime()
    {
        // An app of its own: the clock moves a day.
        await using var app = await OneTimeSecretApp.StartAsync();
        using var session = PageSession.Start(app);
        await session.SignUpAsync(NewCustId());

        // A visit every five hours keeps the 12-hour idle timeout from ever ending the session...
        for (var hour = 5; hour <= 20; hour += 5)
        {
            app.Clock.Advance(TimeSpan.FromHours(5));
            (await session.GetAsync("/account")).ExpectStatus(HttpStatusCode.OK);
        }

        // ...but 24 hours after the sign-in it ends anyway.
        app.Clock.Advance(TimeSpan.FromHours(4.5));
        Assert.That((await session.GetAsync("/account")).Location, Is.EqualTo("/signin"));
    }

    [Test]
    public async Task ShouldAskForThePasswordAgain_BeforeIssuingAnApiToken()
    {
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(NewCustId(), Password);
        var account = await session.GetAsync("/account");

        var without = await session.PostAsync("/account/tokens", account);
        var wrong = await session.PostAsync("/account/tokens", account, ("password", "not the password"));

        without.ExpectHtml(HttpStatusCode.BadRequest);
        wrong.ExpectHtml(HttpStatusCode.BadRequest);
        Assert.That(without.InputValue("new-token"), Is.Null);
        Assert.That(wrong.InputValue("new-token"), Is.Null);
        Assert.That(wrong.FieldError("password"), Does.StartWith("Wrong password"));
        Assert.That((await session.GetAsync("/account")).Html, Does.Contain("No API tokens yet"));
    }

    [Test]
    public async Task ShouldCreateATokenShownOnce_ThatWorksWithTheApi_UntilRevoked()
    {
        using var session = PageSession.Start(_app);
        var custId = NewCustId();
        await session.SignUpAsync(custId, Password);

        var posted = await session.PostAsync("/account/tokens", await session.GetAsync("/account"), ("password", Password));
        posted.ExpectStatus(HttpStatusCode.Redirect);
        Assert.That(posted.Location, Is.EqualTo("/account"), "post/redirect/get: a reload never mints another token");
        var created = (await session.GetAsync("/account")).ExpectHtml(HttpStatusCode.OK);
        var token = created.InputValue("new-token");
        Assert.That(token, Does.Match("^[0-9a-z]{40}$"));
        created.ExpectSecurityHeaders();
        var later = await session.GetAsync("/account");
        Assert.That(later.Html, Does.Not.Contain(token!), "the token is shown once");
        Assert.That(later.Html, Does.Contain("Active"));

        using var api = _app.CreateClient(custId, token!);
        var authcheck = await api.GetAsync("/api/v1/authcheck");
        Assert.That(authcheck.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var revokeAction = Regex.Match(later.Html, "action=\"(/account/tokens/[0-9a-f-]{36}/revoke)\"").Groups[1].Value;
        var revokedPost = await session.PostAsync(revokeAction, later);
        revokedPost.ExpectStatus(HttpStatusCode.Redirect);
        var revoked = (await session.GetAsync(revokedPost.Location!)).ExpectHtml(HttpStatusCode.OK);
        Assert.That(revoked.Html, Does.Contain("The API token was revoked."));
        Assert.That((await api.GetAsync("/api/v1/authcheck")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ShouldGiveSignedInUsersTheirPlansLimits_AndListTheirSecretsWithStates()
    {
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(NewCustId());

        var form = await session.GetAsync("/");
        Assert.That(form.Attribute("id=\"secret\"", "data-val-maxlength-max"), Is.EqualTo("10000"));
        Assert.That(form.Html, Does.Contain("<option value=\"2592000\">30 days</option>"));
        var (privatePath, secretPath) = await session.ShareAsync(new string('y', 5_000), ("ttl", "2592000"));
        await session.PostAsync(secretPath, await session.GetAsync(secretPath));
        await session.ShareAsync("still unread");

        var account = await session.GetAsync("/account");

        Assert.That(account.Html, Does.Contain($"href=\"{privatePath}\""));
        Assert.That(account.Html, Does.Contain("Viewed by the recipient"));
        Assert.That(account.Html, Does.Contain("Not yet viewed"));
        Assert.That(account.Html, Does.Not.Contain(secretPath), "the list never shows secret links");
    }

    [Test]
    public async Task ShouldNotAuthenticateApiCallsWithTheSessionCookie()
    {
        using var session = PageSession.Start(_app);
        await session.SignUpAsync(NewCustId());

        var authcheck = await session.Client.GetAsync("/api/v1/authcheck");
        var share = await session.Client.PostAsync("/api/v1/share", new FormUrlEncodedContent([new("secret", "via cookie")]));

        Assert.That(authcheck.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var json = await share.ExpectJsonAsync(HttpStatusCode.OK);
        Assert.That(json["custid"]!.GetValue<string>(), Is.EqualTo("anon"));
    }

    [Test]
    public async Task ShouldIgnoreBasicCredentialsOnThePages()
    {
        var account = await _app.AddAccountAsync(NewCustId());
        using var session = PageSession.Start(_app);
        session.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.CustId}:{account.ApiToken}")));

        var page = await session.GetAsync("/account");

        Assert.That(page.Location, Is.EqualTo("/signin"));
    }

    [Test]
    public async Task ShouldEndTheSession_WhenTheAccountIsRemoved()
    {
        using var session = PageSession.Start(_app);
        var custId = NewCustId();
        await session.SignUpAsync(custId);
        (await session.GetAsync("/account")).ExpectStatus(HttpStatusCode.OK);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RemoveCustomerCommand(custId));
        }

        Assert.That((await session.GetAsync("/account")).Location, Is.EqualTo("/signin"));
    }

    /// <summary>A client of its own that sends only the given session cookie, as a thief with a copy of it would.</summary>
    private HttpClient CookieClient(string cookie)
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Test]
    public async Task ShouldMarkCookiesSecure_WhenTheBaseUrlIsHttps()
    {
        await using var app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["App:BaseUrl"] = "https://secrets.example.com" });
        using var session = PageSession.Start(app, new Uri("https://secrets.example.com"));

        var form = await session.GetAsync("/signup");
        var signUp = await session.PostAsync("/signup", form, ("custid", NewCustId()), ("password", Password), ("confirm_password", Password));

        Assert.That(form.Header("Set-Cookie"), Does.Contain("ots_csrf=").And.Contain("secure"));
        Assert.That(signUp.Header("Set-Cookie"), Does.Contain("ots_session=").And.Contain("secure"));
    }
}

/// <summary>With <c>Accounts:AllowSignUp</c> off, there is no sign-up page and no link to it.</summary>
public sealed class ClosedSignUpTests
{
    private OneTimeSecretApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await OneTimeSecretApp.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:AllowSignUp"] = "false" });

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ShouldHaveNoSignUp_WhenItIsSwitchedOff()
    {
        using var session = PageSession.Start(_app);

        var home = await session.GetAsync("/");
        var get = await session.GetAsync("/signup");
        var post = await session.PostAsync("/signup", home, ("custid", "someone@example.org"), ("password", "long enough password"), ("confirm_password", "long enough password"));

        Assert.That(home.Html, Does.Not.Contain("href=\"/signup\""));
        get.ExpectHtml(HttpStatusCode.NotFound);
        post.ExpectHtml(HttpStatusCode.NotFound);
        var signIn = await session.SubmitAsync("/signin", "/signin", ("custid", "someone@example.org"), ("password", "long enough password"));
        signIn.ExpectHtml(HttpStatusCode.BadRequest);
    }
}
