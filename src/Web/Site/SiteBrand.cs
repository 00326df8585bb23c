using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Site;

/// <summary>
/// The self-hoster's logo and accent colour (<c>App:LogoFile</c>, <c>App:AccentColor</c>), read once at start-up and
/// served by the app itself at versioned addresses, so that the pages' policy (images and styles from this site
/// only) holds and browsers may keep them for a year.
/// </summary>
public sealed class SiteBrand
{
    public const string LogoPath = "/branding/logo";
    public const string StylesheetPath = "/branding.css";

    private readonly byte[]? _logo;
    private readonly string? _logoType;
    private readonly byte[]? _stylesheet;

    public SiteBrand(IOptions<AppOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = options.Value;
        if (app.LogoPath is { } logo)
        {
            _logo = File.ReadAllBytes(logo);
            _logoType = AppOptions.LogoTypes[Path.GetExtension(logo)];
            LogoUrl = $"{LogoPath}?v={Version(_logo)}";
        }

        if (AccentPalette.Normalize(app.AccentColor) is { } accent)
        {
            _stylesheet = Encoding.UTF8.GetBytes(AccentPalette.Stylesheet(accent, AccentPalette.Normalize(app.AccentColorDark)));
            StylesheetUrl = $"{StylesheetPath}?v={Version(_stylesheet)}";
        }
    }

    /// <summary>The logo's address for the pages, or null when none is configured.</summary>
    public string? LogoUrl { get; }

    /// <summary>The accent stylesheet's address, or null when no accent is configured.</summary>
    public string? StylesheetUrl { get; }

    private static string Version(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    public IResult Logo() => Asset(_logo, _logoType);

    public IResult Stylesheet() => Asset(_stylesheet, "text/css");

    private static IResult Asset(byte[]? content, string? type) => content is null || type is null
        ? Results.NotFound()
        : new CachedAsset(content, type);

    private sealed class CachedAsset(byte[] content, string type) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            httpContext.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            return Results.Bytes(content, type).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The brand's two addresses.</summary>
public static class SiteBrandEndpoints
{
    public static IEndpointRouteBuilder MapSiteBrand(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SiteBrand.LogoPath, (SiteBrand brand) => brand.Logo()).ExcludeFromDescription();
        endpoints.MapGet(SiteBrand.StylesheetPath, (SiteBrand brand) => brand.Stylesheet()).ExcludeFromDescription();
        return endpoints;
    }
}
