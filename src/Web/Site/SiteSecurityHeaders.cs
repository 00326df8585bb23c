using Microsoft.Net.Http.Headers;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// Headers on every response: a strict Content-Security-Policy (pages: only the app's own scripts and styles, no
/// inline code; the API: nothing at all), no referrer (a secret's link must never leak to another site), no MIME
/// sniffing, never framed, never cached (static assets excepted), and HSTS over HTTPS.
/// </summary>
public static class SiteSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The API answers JSON only: it needs no source of anything.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// The interactive API reference (Scalar, under <c>/docs</c>) starts itself with an inline script and inline
    /// styles; it shows no secret, so it alone may run them, still only from this origin.
    /// </summary>
    public const string ApiDocsContentSecurityPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSiteSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set when the response starts, so error pages written after a Response.Clear() carry them too.
            context.Response.OnStarting(() =>
            {
                Apply(context.Response);
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        var path = response.HttpContext.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/api") ? ApiContentSecurityPolicy
            : path.StartsWithSegments(Api.V1.Documentation.ApiDocumentation.ReferencePath) ? ApiDocsContentSecurityPolicy
            : ContentSecurityPolicy;
        if (response.HttpContext.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";

        // Static files set their own caching; everything else (pages with links and values) is never stored.
        if (!IsStaticAsset(response))
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
    }

    private static bool IsStaticAsset(HttpResponse response) =>
        response.HttpContext.Items.ContainsKey(StaticAssetMarker);

    internal const string StaticAssetMarker = "ots:static-asset";

    /// <summary>Static files: cached for a long time when the URL carries a version (asp-append-version), else revalidated.</summary>
    public static StaticFileOptions StaticFileOptions() => new()
    {
        OnPrepareResponse = context =>
        {
            context.Context.Items[StaticAssetMarker] = true;
            context.Context.Response.Headers[HeaderNames.CacheControl] = context.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "no-cache";
        },
    };
}
