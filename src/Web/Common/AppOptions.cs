using System.ComponentModel.DataAnnotations;
using System.Globalization;
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

    /// <summary>
    /// A logo shown in every page's header beside the site name: an SVG, PNG or WebP file of at most 256 KB, read
    /// once at start-up and served by the app itself. A relative path is taken from the app's folder.
    /// </summary>
    public string? LogoFile { get; set; }

    /// <summary>The accent colour of links and primary buttons, <c>#rrggbb</c>, readable on white (4.5:1).</summary>
    public string? AccentColor { get; set; }

    /// <summary>The accent in dark mode, readable on the dark cards; made lighter from <see cref="AccentColor"/> when not set.</summary>
    public string? AccentColorDark { get; set; }

    /// <summary>The logo file's types, by extension.</summary>
    public static readonly IReadOnlyDictionary<string, string> LogoTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".webp"] = "image/webp",
    };

    public const int MaxLogoBytes = 256 * 1024;

    /// <summary>The logo's full path (relative paths from the app's folder), or null.</summary>
    public string? LogoPath => string.IsNullOrWhiteSpace(LogoFile) ? null : Path.GetFullPath(LogoFile, AppContext.BaseDirectory);

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

        foreach (var result in ValidateBrand())
        {
            yield return result;
        }
    }

    private IEnumerable<ValidationResult> ValidateBrand()
    {
        if (AccentColorDark is not null && AccentColor is null)
        {
            yield return new ValidationResult("App:AccentColorDark needs App:AccentColor.", [nameof(AccentColorDark)]);
        }

        foreach (var (name, value, surface) in new[] { (nameof(AccentColor), AccentColor, Site.AccentPalette.LightSurface), (nameof(AccentColorDark), AccentColorDark, Site.AccentPalette.DarkSurface) })
        {
            if (value is null)
            {
                continue;
            }

            if (Site.AccentPalette.Normalize(value) is not { } colour)
            {
                yield return new ValidationResult($"App:{name} must be {Site.AccentPalette.FormatHint}.", [name]);
            }
            else if (Site.AccentPalette.Contrast(colour, surface) is var ratio && ratio < Site.AccentPalette.MinimumContrast)
            {
                yield return new ValidationResult(
                    string.Create(CultureInfo.InvariantCulture, $"App:{name} {colour} has a contrast of {ratio:0.00}:1 with the cards ({surface}); links and buttons need {Site.AccentPalette.MinimumContrast}:1 (WCAG AA). Choose a {(surface == Site.AccentPalette.LightSurface ? "darker" : "lighter")} colour."),
                    [name]);
            }
        }

        if (LogoPath is { } logo)
        {
            if (!LogoTypes.ContainsKey(Path.GetExtension(logo)))
            {
                yield return new ValidationResult("App:LogoFile must be an .svg, .png or .webp file.", [nameof(LogoFile)]);
            }
            else if (!File.Exists(logo))
            {
                yield return new ValidationResult("App:LogoFile names no readable file.", [nameof(LogoFile)]);
            }
            else if (new FileInfo(logo).Length > MaxLogoBytes)
            {
                yield return new ValidationResult($"App:LogoFile is larger than {MaxLogoBytes / 1024} KB.", [nameof(LogoFile)]);
            }
        }
    }
}

/// <summary>The data-annotation checks of <see cref="AppOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class AppOptionsAnnotationValidator : IValidateOptions<AppOptions>;
