using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Builds the absolute links given to people: from <c>App:BaseUrl</c>, or an allowed <c>share_domain</c>, or else
/// the request's own scheme and host. Links that go into emails never take the request's host (a caller chooses it):
/// they come from <c>App:BaseUrl</c>, which is required with a mail server, or else from the address the server
/// listens on (development without a mail server).
/// </summary>
public sealed class PublicUrls(IOptions<AppOptions> options, IHttpContextAccessor httpContextAccessor, IServer? server = null)
{
    /// <summary>The base URL of links in emails: <c>App:BaseUrl</c>, never the request's <c>Host</c> header.</summary>
    public string EmailBaseUrl()
    {
        var configured = options.Value.BaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var listening = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is null || !Uri.TryCreate(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return "http://localhost";
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    /// <summary>The base URL of an emailed link to a secret: the share domain when one was chosen, else <see cref="EmailBaseUrl"/>.</summary>
    public string EmailLinkBase(string? shareDomain) =>
        string.IsNullOrEmpty(shareDomain) ? EmailBaseUrl() : $"https://{shareDomain}";

    public string BaseUrl()
    {
        var configured = options.Value.BaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var request = httpContextAccessor.HttpContext?.Request
            ?? throw new InvalidOperationException("No request to take the base URL from; set App:BaseUrl.");
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }

    /// <summary>The base URL of the links to a secret: the share domain when one was chosen.</summary>
    public string ShareBaseUrl(string? shareDomain) =>
        string.IsNullOrEmpty(shareDomain) ? BaseUrl() : $"https://{shareDomain}";

    public string SecretUrl(string secretKey, string? shareDomain) => SecretLink.Build(ShareBaseUrl(shareDomain), secretKey);

    public string PrivateUrl(string metadataKey) => $"{BaseUrl()}/private/{metadataKey}";

    /// <summary>The sender's link to a request for a secret.</summary>
    public string RequestUrl(string requestKey) => $"{BaseUrl()}/request/{requestKey}";
}
