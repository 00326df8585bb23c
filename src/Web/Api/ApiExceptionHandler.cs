using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.Web.Api.V1.Wire;
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

        var retryAfter = exception switch
        {
            RateLimitedException limited => limited.RetryAfter,
            EmailQuotaExceededException quota => quota.RetryAfter,
            _ => (TimeSpan?)null,
        };
        await ApiErrorWriter.WriteAsync(httpContext, status, body, cancellationToken, retryAfter);
        return true;
    }

    internal static (int Status, ErrorAnswer Body) Map(Exception exception) => exception switch
    {
        ValidationException validation => (StatusCodes.Status400BadRequest, new ErrorAnswer(FirstMessage(validation))),
        SecretNotFoundException notFound => (StatusCodes.Status404NotFound, new ErrorAnswer("Unknown secret", notFound.SecretKey)),
        MetadataNotFoundException => (StatusCodes.Status404NotFound, new ErrorAnswer("Unknown secret")),
        RequestNotFoundException => (StatusCodes.Status404NotFound, new ErrorAnswer(RequestNotFoundException.ReferenceMessage)),
        SecretTooLargeException tooLarge => (StatusCodes.Status413PayloadTooLarge, new ErrorAnswer(tooLarge.Message)),
        NotAuthorizedException => (StatusCodes.Status401Unauthorized, new ErrorAnswer("Not authorized")),
        ForbiddenException forbidden => (StatusCodes.Status403Forbidden, new ErrorAnswer(forbidden.Message)),
        RateLimitedException => (StatusCodes.Status429TooManyRequests, new ErrorAnswer(RateLimitedException.ReferenceMessage)),
        EmailQuotaExceededException quota => (StatusCodes.Status429TooManyRequests, new ErrorAnswer(quota.Message)),
        ConflictException conflict => (StatusCodes.Status409Conflict, new ErrorAnswer(conflict.Message)),
        ApiRequestException request => (request.StatusCode, new ErrorAnswer(request.Message)),
        BadHttpRequestException badRequest => (badRequest.StatusCode, new ErrorAnswer(badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body is too large" : "Bad request")),
        _ when DatabaseFailures.IsUnavailable(exception) =>
            (StatusCodes.Status503ServiceUnavailable, new ErrorAnswer("Service unavailable, please try again shortly")),
        _ => (StatusCodes.Status500InternalServerError, new ErrorAnswer("Internal error")),
    };

    private static string FirstMessage(ValidationException validation) =>
        validation.Errors.FirstOrDefault()?.ErrorMessage ?? "Bad request";
}

/// <summary>
/// Writes an API error: JSON, UTF-8, never cached, with a basic-auth challenge on 401, and the status in
/// <c>X-OTS-Intended-Status</c> as the live service sends it. With <c>Api:ErrorsAsNotFound</c> the status line says
/// 404, like the live service, for clients that test for 404 only; the header still tells the real status.
/// </summary>
public static class ApiErrorWriter
{
    public const string IntendedStatusHeader = "X-OTS-Intended-Status";

    public static async Task WriteAsync(
        HttpContext httpContext,
        int status,
        ErrorAnswer body,
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
        var errorsAsNotFound = httpContext.RequestServices.GetService<IOptions<ApiOptions>>()?.Value.ErrorsAsNotFound == true;
        response.StatusCode = errorsAsNotFound ? StatusCodes.Status404NotFound : status;
        response.Headers[IntendedStatusHeader] = status.ToString(CultureInfo.InvariantCulture);
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

        await JsonSerializer.SerializeAsync(response.Body, body, WireJsonContext.Default.ErrorAnswer, cancellationToken);
    }
}
