using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.Common;

/// <summary>How the site presents itself, from the <c>App</c> configuration section.</summary>
public sealed class AppOptions : IValidatableObject
{
    public const string SectionName = "App";

    /// <summary>
    /// The public base URL links are built from (for example <c>https://secrets.example.com</c>). When empty, links
    /// use the request's own scheme and host.
    /// </summary>
    public string? BaseUrl { get; set; }

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string SiteName { get; set; } = "Onetime Secret";

    /// <summary>
    /// Where the pages link for the API documentation when the app does not serve <c>/docs</c> itself: an absolute
    /// http(s) URL (for example the README's API section in the project's repository) or a path on this site.
    /// </summary>
    public string? ApiDocsUrl { get; set; }

    /// <summary>Largest API request body accepted, in bytes; larger bodies are refused before they are read.</summary>
    [Range(16 * 1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl)
            && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("App:BaseUrl must be an absolute http or https URL.", [nameof(BaseUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(ApiDocsUrl)
            && !(ApiDocsUrl.StartsWith('/') && !ApiDocsUrl.StartsWith("//", StringComparison.Ordinal))
            && (!Uri.TryCreate(ApiDocsUrl, UriKind.Absolute, out var docs) || (docs.Scheme != Uri.UriSchemeHttp && docs.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("App:ApiDocsUrl must be an absolute http or https URL or a path starting with '/'.", [nameof(ApiDocsUrl)]);
        }
    }
}

/// <summary>The data-annotation checks of <see cref="AppOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class AppOptionsAnnotationValidator : IValidateOptions<AppOptions>;
