using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Customers.Queries.GetSession;
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

    /// <summary>
    /// The session cookie's name. Outside Development it carries the <c>__Host-</c> prefix, so browsers accept it
    /// only when Secure, for the whole site and from this very host (no subdomain can plant or overwrite it).
    /// </summary>
    public const string SessionCookieName = "ots_session";

    public const string HostOnlySessionCookieName = "__Host-" + SessionCookieName;

    /// <summary>The account's security stamp when the session began (see <c>Customer.SecurityStamp</c>).</summary>
    public const string SecurityStampClaim = "ots:security_stamp";

    /// <summary>When the session began, in Unix seconds, for the absolute lifetime.</summary>
    public const string SignedInAtClaim = "ots:signed_in_at";

    public const string AntiforgeryCookieName = "ots_csrf";

    /// <summary>The sign-in page, where pages send whoever must sign in first.</summary>
    public const string SignInPath = "/signin";

    public static IServiceCollection AddSiteAuthentication(this IServiceCollection services)
    {
        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SiteCookieEvents>();
        services.AddHostedService<DecoyPasswordHashWarmUp>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, SelectorScheme, options =>
                options.ForwardDefaultSelector = context => context.IsApiRequest() ? BasicAuthenticationHandler.SchemeName : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.Path = "/";
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = SignInPath;
                options.EventsType = typeof(SiteCookieEvents);
            });

        // Outside Development the session cookie is always Secure and host-only (__Host-). In Development it is
        // Secure when the request is HTTPS, and always when the public base URL is HTTPS (a proxy in front may speak
        // plain HTTP to the app).
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AppOptions>, IOptions<SessionLifetimeOptions>, IHostEnvironment>((options, app, sessions, environment) =>
            {
                var development = environment.IsDevelopment();
                options.Cookie.Name = development ? SessionCookieName : HostOnlySessionCookieName;
                options.Cookie.SecurePolicy = development ? SecurePolicy(app.Value) : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromMinutes(sessions.Value.IdleTimeoutMinutes);
            });
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

    /// <summary>The principal of a new session: the requester, the account's stamp, and when it began.</summary>
    public static ClaimsPrincipal SessionPrincipal(Requester requester, string securityStamp, DateTimeOffset signedInAt)
    {
        var principal = RequesterPrincipal.Create(requester, CookieScheme);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SecurityStampClaim, securityStamp));
        identity.AddClaim(new Claim(SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return principal;
    }
}

/// <summary>
/// Checks a session cookie against the database on each request: a removed account, a changed security stamp
/// (sign-out, "sign out everywhere") or a session older than its absolute lifetime is signed out at once, and a
/// changed plan takes effect at once.
/// </summary>
public sealed class SiteCookieEvents(ISender sender, IOptions<SessionLifetimeOptions> sessions, TimeProvider clock) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var requester = principal?.ToRequester();
        if (principal is null || requester?.CustomerId is not { } customerId
            || principal.FindFirstValue(SiteAuthentication.SecurityStampClaim) is not { } stamp
            || !long.TryParse(principal.FindFirstValue(SiteAuthentication.SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt))
        {
            await RejectAsync(context);
            return;
        }

        var began = DateTimeOffset.FromUnixTimeSeconds(signedInAt);
        if (clock.GetUtcNow() - began >= TimeSpan.FromHours(sessions.Value.AbsoluteLifetimeHours))
        {
            await RejectAsync(context);
            return;
        }

        var session = await sender.Send(new GetSessionQuery(customerId), context.HttpContext.RequestAborted);
        if (session is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(session.SecurityStamp)))
        {
            await RejectAsync(context);
            return;
        }

        if (session.PlanId != requester.PlanId)
        {
            context.ReplacePrincipal(SiteAuthentication.SessionPrincipal(requester with { PlanId = session.PlanId }, stamp, began));
            context.ShouldRenew = true;
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
