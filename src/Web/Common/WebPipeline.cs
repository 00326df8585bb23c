using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1;
using OneTimeSecret.Web.Api.V1.Documentation;
using OneTimeSecret.Web.Operations;

namespace OneTimeSecret.Web.Common;

public static class WebPipeline
{
    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // ASP.NET Core trusts every proxy when no proxy is configured, so forwarded headers are only read when
        // ReverseProxy names the proxies to believe.
        var proxies = app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value;
        if (proxies.KnownProxies.Count > 0 || proxies.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseRedactedRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteEmptyApiStatusAsync);
        app.UseRouting();
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
        app.MapPrometheusMetrics(app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value);
        app.MapApiDocumentation(app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value);
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>Credentials that were sent but are not valid get a 401: a wrong token never falls back to anonymous.</summary>
    private static async Task RejectFailedCredentialsAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.ContainsKey("Authorization") && context.User.Identity?.IsAuthenticated != true)
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiV1Json.Error("Not authorized"), context.RequestAborted);
            return;
        }

        await next(context);
    }

    /// <summary>Gives API status codes without a body (unknown path, wrong method) the API's JSON error shape.</summary>
    private static async Task WriteEmptyApiStatusAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        if (!IsApi(context))
        {
            return;
        }

        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status404NotFound => "Not Found",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
            _ => "Bad request",
        };
        await ApiErrorWriter.WriteAsync(context, context.Response.StatusCode, new JsonObject { ["message"] = message }, context.RequestAborted);
    }
}
