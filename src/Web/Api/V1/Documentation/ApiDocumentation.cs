using Microsoft.OpenApi;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Common;
using Scalar.AspNetCore;

namespace OneTimeSecret.Web.Api.V1.Documentation;

/// <summary>From the <c>ApiDocs</c> configuration section.</summary>
public sealed class ApiDocsOptions
{
    public const string SectionName = "ApiDocs";

    /// <summary>
    /// Serve the OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>. Unset: on,
    /// except in Production (the reference page's script needs <c>unsafe-inline</c> in its content security policy).
    /// </summary>
    public bool? Enabled { get; set; }

    public bool IsEnabled(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Enabled ?? !environment.IsProduction();
    }
}

/// <summary>
/// The OpenAPI document of API v1 (<c>/openapi/v1.json</c>) and an interactive reference at <c>/docs</c> (Scalar,
/// whose script ships inside its package: the page loads nothing from elsewhere).
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/{documentName}.json";

    public const string ReferencePath = "/docs";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiDocsOptions>(ApiDocsOptions.SectionName);

        // The OpenAPI generator describes types with these options: put the wire model's generated context first, so
        // that the document shows exactly the contract the controllers write.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJsonContext.Default));
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = api => api.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, context, _) =>
            {
                var site = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AppOptions>>().Value;
                document.Info = new OpenApiInfo
                {
                    Title = $"{site.SiteName} API",
                    Version = DocumentName,
                    Description = "The REST API v1 of onetimesecret.com, self-hosted. Parameters may be sent as an urlencoded or "
                        + "multipart form, a JSON object, or in the query string. Authenticate with HTTP basic auth "
                        + "custid:apitoken, or send no credentials to act anonymously. Every error is JSON {\"message\": \"...\"}.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["basic"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "basic",
                    Description = "custid as user name, an API token (from the CLI: users add / users token) as password.",
                };
                document.Security =
                [
                    new OpenApiSecurityRequirement(),
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("basic", document)] = [] },
                ];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<ApiV1OperationTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder endpoints, ApiDocsOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsEnabled(environment))
        {
            return endpoints;
        }

        endpoints.MapOpenApi(DocumentPath);
        endpoints.MapScalarApiReference(ReferencePath, scalar => scalar
            .WithTitle("API reference")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddDocument(DocumentName)
            .WithOperationTitleSource(OperationTitleSource.Path)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return endpoints;
    }
}
