using System.Globalization;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.Web.Api.V1;
using OneTimeSecret.Web.Operations;

namespace OneTimeSecret.Web.Api;

/// <summary>
/// Maps exceptions to the API's JSON errors with honest status codes. A client's mistake is never a 500, and no
/// error ever carries a stack trace.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger, DatabaseOutageLog outageLog) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, body) = Map(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            outageLog.Report(exception);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception");
        }

        var retryAfter = exception is RateLimitedException limited ? limited.RetryAfter : (TimeSpan?)null;
        await ApiErrorWriter.WriteAsync(httpContext, status, body, cancellationToken, retryAfter);
        return true;
    }

    internal static (int Status, JsonObject Body) Map(Exception exception) => exception switch
    {
        ValidationException validation => (StatusCodes.Status400BadRequest, ApiV1Json.Error(FirstMessage(validation))),
        SecretNotFoundException notFound => (StatusCodes.Status404NotFound, ApiV1Json.Error("Unknown secret", notFound.SecretKey)),
        MetadataNotFoundException => (StatusCodes.Status404NotFound, ApiV1Json.Error("Unknown secret")),
        SecretTooLargeException tooLarge => (StatusCodes.Status413PayloadTooLarge, ApiV1Json.Error(tooLarge.Message)),
        NotAuthorizedException => (StatusCodes.Status401Unauthorized, ApiV1Json.Error("Not authorized")),
        ForbiddenException forbidden => (StatusCodes.Status403Forbidden, ApiV1Json.Error(forbidden.Message)),
        RateLimitedException => (StatusCodes.Status429TooManyRequests, ApiV1Json.Error(RateLimitedException.ReferenceMessage)),
        ConflictException conflict => (StatusCodes.Status409Conflict, ApiV1Json.Error(conflict.Message)),
        ApiRequestException request => (request.StatusCode, ApiV1Json.Error(request.Message)),
        BadHttpRequestException badRequest => (badRequest.StatusCode, ApiV1Json.Error(badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body is too large" : "Bad request")),
        _ when DatabaseFailures.IsUnavailable(exception) =>
            (StatusCodes.Status503ServiceUnavailable, ApiV1Json.Error("Service unavailable, please try again shortly")),
        _ => (StatusCodes.Status500InternalServerError, ApiV1Json.Error("Internal error")),
    };

    private static string FirstMessage(ValidationException validation) =>
        validation.Errors.FirstOrDefault()?.ErrorMessage ?? "Bad request";
}

/// <summary>Writes an API error: JSON, UTF-8, never cached, with a basic-auth challenge on 401.</summary>
public static class ApiErrorWriter
{
    public static async Task WriteAsync(
        HttpContext httpContext,
        int status,
        JsonObject body,
        CancellationToken cancellationToken,
        TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Challenged only when credentials were sent: a challenge to a browser's anonymous call makes it prompt for a
        // password and then send the cached credentials with every later call, cross-site ones included.
        if (status == StatusCodes.Status401Unauthorized && httpContext.Request.Headers.ContainsKey("Authorization"))
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"OneTimeSecret\", charset=\"UTF-8\"";
        }

        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "5";
        }

        await response.WriteAsync(body.ToJsonString(), cancellationToken);
    }
}
