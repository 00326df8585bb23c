using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Customers.Queries.GetCustomer;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// Who is signed in: the API authenticates with HTTP basic only, the pages with a session cookie only. A policy
/// scheme picks one by path, so the cookie never authenticates an API call (the API has no antiforgery tokens, so a
/// cookie there would open it to cross-site requests) and basic credentials never sign a browser in.
/// </summary>
public static class SiteAuthentication
{
    public const string SelectorScheme = "ApiOrSite";

    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string SessionCookieName = "ots_session";

    public const string AntiforgeryCookieName = "ots_csrf";

    public static IServiceCollection AddSiteAuthentication(this IServiceCollection services)
    {
        services.AddScoped<SiteCookieEvents>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, SelectorScheme, options =>
                options.ForwardDefaultSelector = context => context.IsApiRequest() ? BasicAuthenticationHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = SessionCookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/signin";
                options.EventsType = typeof(SiteCookieEvents);
            });

        // Cookies are Secure when the request is HTTPS, and always when the public base URL is HTTPS (a proxy
        // in front may speak plain HTTP to the app).
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AppOptions>>((options, app) => options.Cookie.SecurePolicy = SecurePolicy(app.Value));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__csrf";
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<AppOptions>>((options, app) => options.Cookie.SecurePolicy = SecurePolicy(app.Value));
        return services;
    }

    private static CookieSecurePolicy SecurePolicy(AppOptions app) =>
        app.BaseUrl?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
}

/// <summary>
/// Checks a session cookie against the database on each request: a removed account is signed out at once, and a
/// changed plan takes effect at once.
/// </summary>
public sealed class SiteCookieEvents(ISender sender) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requester = context.Principal?.ToRequester();
        if (requester is null || requester.IsAnonymous)
        {
            await RejectAsync(context);
            return;
        }

        try
        {
            var customer = await sender.Send(new GetCustomerQuery(requester), context.HttpContext.RequestAborted);
            if (customer.PlanId != requester.PlanId)
            {
                context.ReplacePrincipal(RequesterPrincipal.Create(requester with { PlanId = customer.PlanId }, SiteAuthentication.CookieScheme));
                context.ShouldRenew = true;
            }
        }
        catch (NotAuthorizedException)
        {
            await RejectAsync(context);
        }
    }

    /// <summary>Pages that need an account send the browser to the sign-in page, with no return address in the URL.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Redirect("/signin");
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) => RedirectToLogin(context);

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(SiteAuthentication.CookieScheme);
    }
}
