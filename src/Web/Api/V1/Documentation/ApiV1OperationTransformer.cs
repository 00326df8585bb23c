using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OneTimeSecret.Web.Api.V1.Wire;

namespace OneTimeSecret.Web.Api.V1.Documentation;

/// <summary>
/// Completes the generated description of each API v1 operation with what attributes cannot say: the parameters
/// of the request records (form, multipart or JSON body, or query string), the errors every call can
/// answer, and the path keys.
/// </summary>
internal sealed class ApiV1OperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] BodyMediaTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;

        // A request record has a binder of its own (ApiRequestBinder): it is documented as the body, not as a parameter.
        var requests = description.ParameterDescriptions.Where(p => IsApiRequest(p.Type)).ToList();
        var bound = requests.Select(p => p.Name).ToHashSet();
        if (operation.Parameters is not null)
        {
            foreach (var parameter in operation.Parameters.Where(p => p.Name is not null && bound.Contains(p.Name)).ToList())
            {
                operation.Parameters.Remove(parameter);
            }

            foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
            {
                parameter.Description ??= parameter.Name switch
                {
                    "secretKey" => "The secret key from the secret's link.",
                    "metadataKey" => "The metadata key that share or generate answered (private to the creator).",
                    "requestKey" => "The request key from the request's link.",
                    _ => null,
                };
            }
        }

        if (requests.FirstOrDefault()?.Type is { } requestType)
        {
            var schema = await context.GetOrCreateSchemaAsync(requestType, null, cancellationToken);
            var body = new OpenApiRequestBody
            {
                Description = "Parameters as an urlencoded form (also when the body has no content type), a multipart form "
                    + "or a JSON object; they may also be sent in the query string (the body wins). A list parameter may be "
                    + "repeated or sent as name[]; any other parameter given twice is a 400.",
                Content = new Dictionary<string, OpenApiMediaType>(),
            };
            foreach (var mediaType in BodyMediaTypes)
            {
                body.Content[mediaType] = new OpenApiMediaType { Schema = schema };
            }

            operation.RequestBody = body;
            await AddErrorAsync(operation, context, StatusCodes.Status400BadRequest, "Bad input: a missing secret, a bad ttl or email, malformed parameters.", cancellationToken);
            await AddErrorAsync(operation, context, StatusCodes.Status413PayloadTooLarge, "The request body, or the secret for the plan, is too large; the message names the limit.", cancellationToken);
            await AddErrorAsync(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body is not a form or JSON.", cancellationToken);
        }

        if (description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
        {
            await AddErrorAsync(operation, context, StatusCodes.Status429TooManyRequests, "The client's request budget is spent; Retry-After tells when to try again.", cancellationToken);
        }

        await AddErrorAsync(operation, context, StatusCodes.Status401Unauthorized, "Credentials were sent but are not valid (or the call needs an account).", cancellationToken);
        await AddErrorAsync(operation, context, StatusCodes.Status503ServiceUnavailable, "The database cannot be reached; try again shortly.", cancellationToken);

        // Status codes declared with [ProducesResponseType] get the same wording.
        var aboutRequests = description.RelativePath?.StartsWith("api/v1/requests", StringComparison.Ordinal) == true;
        foreach (var (code, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse concrete && string.IsNullOrEmpty(concrete.Description) is false && concrete.Description == ReasonOf(code))
            {
                concrete.Description = code switch
                {
                    "403" => "Not allowed for the plan (for example recipients beyond the plan's limit).",
                    "404" when aboutRequests => "Unknown request: never existed, another account's, answered, cancelled or expired (indistinguishable).",
                    "404" => "Unknown secret: never existed, already received, burned or expired (indistinguishable).",
                    "409" => "The request is no longer open.",
                    _ => concrete.Description,
                };
            }
        }
    }

    private static async Task AddErrorAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        int status,
        string description,
        CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key))
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(typeof(ErrorAnswer), null, cancellationToken);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static bool IsApiRequest(Type? type) =>
        type?.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IApiRequest<>)) == true;

    private static string ReasonOf(string code) =>
        int.TryParse(code, System.Globalization.CultureInfo.InvariantCulture, out var status)
            ? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)
            : string.Empty;
}
