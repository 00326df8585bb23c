using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Which reverse proxies may tell the client's address and scheme (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>),
/// from the <c>ReverseProxy</c> section. Empty by default: forwarded headers from anyone else are ignored.
/// </summary>
public sealed class ReverseProxyOptions : IValidatableObject
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>127.0.0.1</c> for nginx on the same host.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ReverseProxy:KnownProxies holds '{proxy}', which is not an IP address.");
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ReverseProxy:KnownNetworks holds '{network}', which is not a CIDR network.");
        }
    }
}

/// <summary>The data-annotation checks of <see cref="ReverseProxyOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class ReverseProxyOptionsAnnotationValidator : IValidateOptions<ReverseProxyOptions>;
