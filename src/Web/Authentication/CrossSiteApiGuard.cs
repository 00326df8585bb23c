using Microsoft.Extensions.Options;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Authentication;

/// <summary>
/// Refuses API calls a browser makes on another site's behalf, before any credential is checked: those the browser
/// marks <c>Sec-Fetch-Site: cross-site</c>, and those from a foreign <c>Origin</c> that carry a cookie or basic
/// credentials (which the browser adds by itself, so the calling page would act as the user). Programs send neither
/// header and are not affected.
/// </summary>
public static class CrossSiteApiGuard
{
    public const string RefusedMessage = "Cross-site requests are refused";

    public static IApplicationBuilder UseCrossSiteApiGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsCrossSite(context))
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, new ErrorAnswer(RefusedMessage), context.RequestAborted);
            return;
        }

        await next(context);
    });

    private static bool IsCrossSite(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (string.Equals(headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var carriesCredentials = headers.ContainsKey("Authorization") || headers.ContainsKey("Cookie");
        return carriesCredentials && headers.Origin is { Count: > 0 } origin && !IsOwnOrigin(context, origin.ToString());
    }

    /// <summary>The service's own origin: that of <c>App:BaseUrl</c> when set, else the request's scheme and host.</summary>
    private static bool IsOwnOrigin(HttpContext context, string origin)
    {
        var baseUrl = context.RequestServices.GetRequiredService<IOptions<AppOptions>>().Value.BaseUrl;
        var own = !string.IsNullOrWhiteSpace(baseUrl) && Uri.TryCreate(baseUrl, UriKind.Absolute, out var configured)
            ? configured.GetLeftPart(UriPartial.Authority)
            : $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}";
        return Uri.TryCreate(origin, UriKind.Absolute, out var presented)
            && string.Equals(presented.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase);
    }
}
