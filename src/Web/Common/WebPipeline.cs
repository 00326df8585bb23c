using Microsoft.AspNetCore.Diagnostics;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Documentation;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Operations;
using OneTimeSecret.Web.Site;

namespace OneTimeSecret.Web.Common;

public static class WebPipeline
{
    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The pipeline is shaped from configuration alone (the options themselves are validated when the host
        // starts), so that building it never races a host that is failing to start.
        // ASP.NET Core trusts every proxy when no proxy is configured, so forwarded headers are only read when
        // ReverseProxy names the proxies to believe.
        var proxies = Bind<ReverseProxyOptions>(app, ReverseProxyOptions.SectionName);
        if (proxies.KnownProxies.Count > 0 || proxies.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseRedactedRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteEmptyStatusAsync);
        app.UseSiteSecurityHeaders();
        app.UseStaticFiles(SiteSecurityHeaders.StaticFileOptions());
        app.UseRouting();
        app.UseMetricsAccess(Bind<MetricsOptions>(app, MetricsOptions.SectionName));
        app.UsePageBodyLimit();
        app.UseWhen(IsApi, api => api.UseCrossSiteApiGuard());
        app.UseAuthentication();
        app.UseWhen(IsApi, api => api.Use(RejectFailedCredentialsAsync));
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWhen(IsApi, api => api.Use(async (context, next) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            await next(context);
        }));

        app.MapControllers();
        app.MapHealthEndpoints();
        app.MapSiteBrand();
        app.MapPrometheusMetrics(Bind<MetricsOptions>(app, MetricsOptions.SectionName));
        app.MapApiDocumentation(Bind<ApiDocsOptions>(app, ApiDocsOptions.SectionName), app.Environment);
        return app;
    }

    private static T Bind<T>(WebApplication app, string section)
        where T : new() => app.Configuration.GetSection(section).Get<T>() ?? new T();

    private static bool IsApi(HttpContext context) => context.IsApiRequest();

    /// <summary>Credentials that were sent but are not valid get a 401: a wrong token never falls back to anonymous.</summary>
    private static async Task RejectFailedCredentialsAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Items[BasicAuthenticationHandler.BudgetSpentItem] is TimeSpan retryAfter)
        {
            await ApiErrorWriter.WriteAsync(
                context, StatusCodes.Status429TooManyRequests, new ErrorAnswer(RateLimitedException.ReferenceMessage), context.RequestAborted, retryAfter);
            return;
        }

        if (context.Request.Headers.ContainsKey("Authorization") && context.User.Identity?.IsAuthenticated != true)
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, new ErrorAnswer("Not authorized"), context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Gives status codes without a body (unknown path, wrong method, failed antiforgery check) a body: the API's
    /// JSON error shape for the API, a friendly HTML page for the pages.
    /// </summary>
    private static async Task WriteEmptyStatusAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        if (!IsApi(context))
        {
            await ErrorPages.WriteStatusPageAsync(statusContext);
            return;
        }

        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status404NotFound => "Not Found",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
            _ => "Bad request",
        };
        await ApiErrorWriter.WriteAsync(context, context.Response.StatusCode, new ErrorAnswer(message), context.RequestAborted);
    }
}
