using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Builds the absolute links given to people: from <c>App:BaseUrl</c>, or an allowed <c>share_domain</c>, or else
/// the request's own scheme and host.
/// </summary>
public sealed class PublicUrls(IOptions<AppOptions> options, IHttpContextAccessor httpContextAccessor)
{
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
