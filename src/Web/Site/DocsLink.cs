using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// Where the pages send people who want the API: <c>/docs</c> when this app serves it, else
/// <c>App:ApiDocsUrl</c> (for example the README's API section in the project's repository), else nothing.
/// </summary>
public sealed class DocsLink(EndpointDataSource endpoints, IOptions<AppOptions> options)
{
    private readonly Lazy<string?> _url = new(() =>
    {
        var servesDocs = endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Any(e => string.Equals(e.RoutePattern.RawText?.Trim('/'), "docs", StringComparison.OrdinalIgnoreCase));
        if (servesDocs)
        {
            return "/docs";
        }

        return string.IsNullOrWhiteSpace(options.Value.ApiDocsUrl) ? null : options.Value.ApiDocsUrl;
    });

    public string? Url => _url.Value;
}
