using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Customers.Commands.EndSessions;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Customers.Commands.NotifySignInFailures;
using OneTimeSecret.Application.Customers.Commands.RevokeApiToken;
using OneTimeSecret.Application.Customers.Commands.SendVerificationEmail;
using OneTimeSecret.Application.Customers.Commands.SignUp;
using OneTimeSecret.Application.Customers.Commands.VerifyEmail;
using OneTimeSecret.Application.Customers.Queries.GetAccount;
using OneTimeSecret.Application.Customers.Queries.GetSession;
using OneTimeSecret.Application.Customers.Queries.SignIn;
using OneTimeSecret.Application.Requests.Commands.CancelSecretRequest;
using OneTimeSecret.Application.Requests.Commands.CreateSecretRequest;
using OneTimeSecret.Application.Requests.Queries.ListSecretRequests;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>Sign up, sign in and out (a session cookie), and the account page with its API tokens.</summary>
public sealed class AccountController(
    ISender sender,
    IOptions<AccountOptions> accountOptions,
    IOptions<SecretOptions> secretOptions,
    PublicUrls urls,
    TimeProvider clock,
    AccountSignInBudget signInBudget) : SiteController
{
    private const string AccountLocked = "Too many wrong passwords for this account: try again later";

    private const string WrongCredentials = "Wrong email address, user name or password";

    private const string WrongPassword = "Wrong password: enter the password you sign in with";

    private const string VerificationSent =
        "We emailed a link to confirm your address (it works once). Until you follow it, this account cannot send secrets by email.";

    private static readonly Dictionary<string, string> SignUpFields = new(StringComparer.Ordinal)
    {
        [nameof(SignUpCommand.CustId)] = nameof(SignUpForm.CustId),
        [nameof(SignUpCommand.Password)] = nameof(SignUpForm.Password),
    };

    [HttpGet("/signup")]
    public IActionResult SignUp() => accountOptions.Value.AllowSignUp ? View(new SignUpForm()) : NotFound();

    [HttpPost("/signup")]
    [EnableRateLimiting(RateLimitPolicies.SignIn)]
    public async Task<IActionResult> SignUp(SignUpForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!accountOptions.Value.AllowSignUp)
        {
            return NotFound();
        }

        if (!string.Equals(form.Password, form.ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(SignUpForm.ConfirmPassword), "The two passwords differ");
            return FormAgain(form);
        }

        try
        {
            var requester = await sender.Send(
                new SignUpCommand(form.CustId ?? string.Empty, form.Password ?? string.Empty, urls.EmailBaseUrl()), cancellationToken);
            await SignInAsync(requester, cancellationToken);
            ShownOnce.KeepNotice(TempData, VerificationSent);
            return RedirectToPath("/account");
        }
        catch (ValidationException validation)
        {
            AddToModelState(validation, SignUpFields);
        }
        catch (ConflictException conflict)
        {
            ModelState.AddModelError(nameof(SignUpForm.CustId), conflict.Message);
        }

        return FormAgain(form);
    }

    [HttpGet("/signin")]
    public IActionResult SignIn() => User.Identity?.IsAuthenticated == true ? RedirectToPath("/account") : View(new SignInForm());

    [HttpPost("/signin")]
    [EnableRateLimiting(RateLimitPolicies.SignIn)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (requester, locked) = await CheckPasswordAsync(form.CustId ?? string.Empty, form.Password ?? string.Empty, cancellationToken);
        if (locked)
        {
            ModelState.AddModelError(string.Empty, AccountLocked);
            return FormAgain(form, StatusCodes.Status429TooManyRequests);
        }

        if (requester is null)
        {
            ModelState.AddModelError(string.Empty, WrongCredentials);
            return FormAgain(form);
        }

        await SignInAsync(requester, cancellationToken);
        return RedirectToPath("/account");
    }

    /// <summary>
    /// Ends the session for good: the account's security stamp changes, so this cookie (and any copy of it, and the
    /// account's sessions in other browsers) is refused from now on, not only deleted from this browser.
    /// </summary>
    [HttpPost("/signout")]
    public async Task<IActionResult> SignOutOfSite(CancellationToken cancellationToken)
    {
        await EndSessionsAsync(cancellationToken);
        return RedirectToPath("/");
    }

    /// <summary>The account page's "sign out everywhere": every browser signed in to this account is signed out.</summary>
    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/signout-everywhere")]
    public async Task<IActionResult> SignOutEverywhere(CancellationToken cancellationToken)
    {
        await EndSessionsAsync(cancellationToken);
        return RedirectToPath("/signin");
    }

    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpGet("/account")]
    public async Task<IActionResult> Account(CancellationToken cancellationToken) =>
        View(await ModelAsync(ShownOnce.TakeApiToken(TempData), ShownOnce.TakeNotice(TempData), cancellationToken));

    /// <summary>
    /// Issues an API token and shows it once, on the account page after the redirect (post/redirect/get: a reload
    /// never mints another); it is kept as a hash from now on. The account's password is asked again first, so a
    /// borrowed or stolen session cannot mint lasting API access.
    /// </summary>
    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/tokens")]
    [EnableRateLimiting(RateLimitPolicies.SignIn)]
    public async Task<IActionResult> CreateToken([FromForm(Name = "password")] string? password, CancellationToken cancellationToken)
    {
        var (confirmed, locked) = await CheckPasswordAsync(Requester.CustId, password ?? string.Empty, cancellationToken);
        if (confirmed?.CustomerId is null || confirmed.CustomerId != Requester.CustomerId)
        {
            Response.StatusCode = locked ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
            return View(nameof(Account), await ModelAsync(null, null, cancellationToken) with { TokenError = locked ? AccountLocked : WrongPassword });
        }

        try
        {
            var issued = await sender.Send(new IssueApiTokenCommand(Requester.CustId), cancellationToken);
            ShownOnce.KeepApiToken(TempData, issued.ApiToken);
            return RedirectToPath("/account");
        }
        catch (ConflictException tooMany)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Account), await ModelAsync(null, null, cancellationToken) with { TokenError = tooMany.Message });
        }
    }

    /// <summary>The account page's "send the link again": a new one-time link replaces the earlier one.</summary>
    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/verify-email")]
    public async Task<IActionResult> SendVerificationEmail(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await sender.Send(new SendVerificationEmailCommand(Requester.CustomerId!.Value, urls.EmailBaseUrl()), cancellationToken);
            ShownOnce.KeepNotice(TempData, outcome switch
            {
                VerificationEmailOutcome.AlreadyVerified => "Your address is already confirmed.",
                VerificationEmailOutcome.NotAnAddress => "Your account name is not an email address, so there is nothing to confirm.",
                _ => "We emailed you a new link to confirm your address; earlier links no longer work.",
            });
        }
        catch (Exception exception) when (exception is ForbiddenException or EmailQuotaExceededException)
        {
            ShownOnce.KeepNotice(TempData, exception.Message);
        }

        return RedirectToPath("/account");
    }

    /// <summary>
    /// The link from the verification email. Opening it changes nothing (mail scanners and link previews open links);
    /// the page's button confirms.
    /// </summary>
    [HttpGet("/verify/{token}")]
    public IActionResult Verify(string token) => View(new VerifyViewModel(token, Confirmed: null));

    [HttpPost("/verify/{token}")]
    public async Task<IActionResult> ConfirmVerification(string token, CancellationToken cancellationToken)
    {
        bool confirmed;
        try
        {
            confirmed = await sender.Send(new VerifyEmailCommand(token), cancellationToken);
        }
        catch (ValidationException)
        {
            confirmed = false;
        }

        Response.StatusCode = confirmed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return View(nameof(Verify), new VerifyViewModel(token, confirmed));
    }

    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/tokens/{tokenId:guid}/revoke")]
    public async Task<IActionResult> RevokeToken(Guid tokenId, CancellationToken cancellationToken)
    {
        var revoked = await sender.Send(new RevokeApiTokenCommand(Requester, tokenId), cancellationToken);
        ShownOnce.KeepNotice(TempData, revoked ? "The API token was revoked." : "That API token was already revoked.");
        return RedirectToPath("/account");
    }

    /// <summary>
    /// Asks for a secret; the request's link is then in the list of requests (post/redirect/get: a reload never makes
    /// another request).
    /// </summary>
    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/requests")]
    public async Task<IActionResult> CreateRequest(RequestForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        try
        {
            await sender.Send(new CreateSecretRequestCommand(Requester, form.Note, form.Ttl, form.SecretTtl), cancellationToken);
            ShownOnce.KeepNotice(TempData, "Your request was created: send its link to the person who has the secret.");
            return RedirectToPath("/account");
        }
        catch (ValidationException validation)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            var message = validation.Errors.FirstOrDefault()?.ErrorMessage ?? "Bad request";
            return View(nameof(Account), await ModelAsync(null, null, cancellationToken) with { RequestError = message, RequestNote = form.Note });
        }
    }

    /// <summary>Cancels an open request; the key comes in the form, never in the URL.</summary>
    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/requests/cancel")]
    public async Task<IActionResult> CancelRequest([FromForm(Name = "request_key")] string? requestKey, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new CancelSecretRequestCommand(Requester, requestKey ?? string.Empty), cancellationToken);
            ShownOnce.KeepNotice(TempData, "The request was cancelled: its link no longer works.");
        }
        catch (Exception e) when (e is RequestNotFoundException or ConflictException)
        {
            ShownOnce.KeepNotice(TempData, "That request was no longer open.");
        }

        return RedirectToPath("/account");
    }

    private async Task<AccountViewModel> ModelAsync(string? newToken, string? notice, CancellationToken cancellationToken)
    {
        var account = await sender.Send(new GetAccountQuery(Requester), cancellationToken);
        var requests = await sender.Send(new ListSecretRequestsQuery(Requester), cancellationToken);
        var secrets = secretOptions.Value;
        var defaultTtl = Math.Min(secrets.DefaultTtlSeconds, account.Plan.MaxTtlSeconds);
        return new AccountViewModel(account, newToken, notice, urls.BaseUrl())
        {
            Requests = requests,
            RequestTtlChoices = TtlChoices.For(secrets.MinTtlSeconds, account.Plan.MaxTtlSeconds, defaultTtl),
            DefaultRequestTtl = defaultTtl,
        };
    }

    private ViewResult FormAgain(object form, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return View(form);
    }

    /// <summary>
    /// Checks a password within the target account's failure budget: while it is spent the password is not checked
    /// at all, and each wrong one spends it.
    /// </summary>
    private async Task<(Requester? Requester, bool Locked)> CheckPasswordAsync(string custId, string password, CancellationToken cancellationToken)
    {
        var budgetKey = AccountSignInBudget.KeyOf(custId);
        if (signInBudget.IsSpent(budgetKey, out var retryAfter))
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, true);
        }

        var requester = await sender.Send(new SignInQuery(custId, password), cancellationToken);
        if (requester is null && signInBudget.RecordFailure(budgetKey))
        {
            // This failure used up the account's budget: its owner hears of it (once per window).
            await sender.Send(new NotifySignInFailuresCommand(budgetKey!), cancellationToken);
        }

        return (requester, false);
    }

    private async Task SignInAsync(Requester requester, CancellationToken cancellationToken)
    {
        var session = await sender.Send(new GetSessionQuery(requester.CustomerId!.Value), cancellationToken)
            ?? throw new NotAuthorizedException();
        var principal = SiteAuthentication.SessionPrincipal(requester with { PlanId = session.PlanId }, session.SecurityStamp, clock.GetUtcNow());
        await HttpContext.SignInAsync(SiteAuthentication.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false });
        HttpContext.User = principal;
    }

    private async Task EndSessionsAsync(CancellationToken cancellationToken)
    {
        if (Requester.CustomerId is { } customerId)
        {
            await sender.Send(new EndSessionsCommand(customerId), cancellationToken);
        }

        await HttpContext.SignOutAsync(SiteAuthentication.CookieScheme);
    }
}
