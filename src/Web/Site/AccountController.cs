using System.Security.Claims;
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
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Customers.Commands.RevokeApiToken;
using OneTimeSecret.Application.Customers.Commands.SignUp;
using OneTimeSecret.Application.Customers.Queries.GetAccount;
using OneTimeSecret.Application.Customers.Queries.SignIn;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>Sign up, sign in and out (a session cookie), and the account page with its API tokens.</summary>
public sealed class AccountController(ISender sender, IOptions<AccountOptions> accountOptions, PublicUrls urls) : SiteController
{
    private const string WrongCredentials = "Wrong email address, user name or password";

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
            var requester = await sender.Send(new SignUpCommand(form.CustId ?? string.Empty, form.Password ?? string.Empty), cancellationToken);
            await SignInAsync(requester);
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
        var requester = await sender.Send(new SignInQuery(form.CustId ?? string.Empty, form.Password ?? string.Empty), cancellationToken);
        if (requester is null)
        {
            ModelState.AddModelError(string.Empty, WrongCredentials);
            return FormAgain(form);
        }

        await SignInAsync(requester);
        return RedirectToPath("/account");
    }

    [HttpPost("/signout")]
    public async Task<IActionResult> SignOutOfSite()
    {
        await HttpContext.SignOutAsync(SiteAuthentication.CookieScheme);
        return RedirectToPath("/");
    }

    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpGet("/account")]
    public async Task<IActionResult> Account(CancellationToken cancellationToken) =>
        View(await ModelAsync(ShownOnce.TakeApiToken(TempData), ShownOnce.TakeNotice(TempData), cancellationToken));

    /// <summary>
    /// Issues an API token and shows it once, on the account page after the redirect (post/redirect/get: a reload
    /// never mints another); it is kept as a hash from now on.
    /// </summary>
    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/tokens")]
    public async Task<IActionResult> CreateToken(CancellationToken cancellationToken)
    {
        var issued = await sender.Send(new IssueApiTokenCommand(Requester.CustId), cancellationToken);
        ShownOnce.KeepApiToken(TempData, issued.ApiToken);
        return RedirectToPath("/account");
    }

    [Authorize(AuthenticationSchemes = SiteAuthentication.CookieScheme)]
    [HttpPost("/account/tokens/{tokenId:guid}/revoke")]
    public async Task<IActionResult> RevokeToken(Guid tokenId, CancellationToken cancellationToken)
    {
        var revoked = await sender.Send(new RevokeApiTokenCommand(Requester, tokenId), cancellationToken);
        ShownOnce.KeepNotice(TempData, revoked ? "The API token was revoked." : "That API token was already revoked.");
        return RedirectToPath("/account");
    }

    private async Task<AccountViewModel> ModelAsync(string? newToken, string? notice, CancellationToken cancellationToken)
    {
        var account = await sender.Send(new GetAccountQuery(Requester), cancellationToken);
        return new AccountViewModel(account, newToken, notice, urls.BaseUrl());
    }

    private ViewResult FormAgain(object form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    private async Task SignInAsync(Requester requester)
    {
        var principal = RequesterPrincipal.Create(requester, SiteAuthentication.CookieScheme);
        await HttpContext.SignInAsync(SiteAuthentication.CookieScheme, principal, new AuthenticationProperties { IsPersistent = false });
        HttpContext.User = new ClaimsPrincipal(principal);
    }
}
