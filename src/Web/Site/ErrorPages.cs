using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.Operations;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// Exceptions on the pages become friendly HTML pages with the right status (the same mapping as the API's), never
/// a stack trace. API requests are left to <see cref="ApiExceptionHandler"/>, which answers JSON.
/// </summary>
public sealed class PageExceptionHandler(ILogger<PageExceptionHandler> logger, DatabaseOutageLog outageLog) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.IsApiRequest())
        {
            return false;
        }

        if (exception is NotAuthorizedException && httpContext.User.Identity?.IsAuthenticated != true)
        {
            // Something only accounts may do (Secrets:CreatorsMustSignIn): the way on is to sign in.
            httpContext.Response.Redirect(SiteAuthentication.SignInPath);
            return true;
        }

        var status = ApiExceptionHandler.Map(exception).Status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            outageLog.Report(exception);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on a page");
        }

        var kind = exception switch
        {
            MetadataNotFoundException => ErrorKind.MetadataNotFound,
            SecretNotFoundException => ErrorKind.SecretNotFound,
            _ => ErrorKind.Status,
        };
        var retryAfter = exception is RateLimitedException limited ? limited.RetryAfter : (TimeSpan?)null;
        await ErrorPages.WriteAsync(httpContext, status, kind, retryAfter);
        return true;
    }
}

public static class ErrorPages
{
    /// <summary>Gives page responses without a body (unknown path, wrong method, failed antiforgery check) an HTML page.</summary>
    public static Task WriteStatusPageAsync(StatusCodeContext statusContext)
    {
        ArgumentNullException.ThrowIfNull(statusContext);
        var context = statusContext.HttpContext;
        return WriteAsync(context, context.Response.StatusCode, ErrorKind.Status);
    }

    public static async Task WriteAsync(HttpContext context, int status, ErrorKind kind, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "5";
        }

        var model = ErrorViewModel.For(status, kind);
        var metadata = context.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var result = new ViewResult
        {
            ViewName = "/Views/Shared/Error.cshtml",
            StatusCode = status,
            ViewData = new ViewDataDictionary<ErrorViewModel>(metadata, new ModelStateDictionary()) { Model = model },
        };
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
