using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Common.Telemetry;
using OpenTelemetry.Metrics;

namespace OneTimeSecret.Web.Operations;

/// <summary>From the <c>Metrics</c> configuration section.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Serve the Prometheus scrape endpoint.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where Prometheus scrapes.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "Metrics:Path must be a path such as /metrics.")]
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Client networks that may scrape without a token, like <c>10.0.0.0/8</c>. Loopback only by default. A request
    /// that still carries <c>X-Forwarded-For</c> came through a proxy this app was not told to trust
    /// (<c>ReverseProxy</c>), so its loopback address stands for some unknown client and does not count.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = ["127.0.0.0/8", "::1/128"];

    /// <summary>A token that lets any client scrape with <c>Authorization: Bearer &lt;token&gt;</c>; none by default.</summary>
    [MinLength(32, ErrorMessage = "Metrics:BearerToken must be at least 32 characters long.")]
    public string? BearerToken { get; set; }
}

/// <summary>Checks <see cref="MetricsOptions.AllowedNetworks"/> at start-up, naming the bad entry.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bad = options.AllowedNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Metrics:AllowedNetworks: '{string.Join("', '", bad)}' is not a network like 10.0.0.0/8.");
    }
}

/// <summary>The data-annotation checks of <see cref="MetricsOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class MetricsOptionsAnnotationValidator : IValidateOptions<MetricsOptions>;

/// <summary>
/// OpenTelemetry metrics in Prometheus text format: the service's own counters (<see cref="SecretMetrics"/>), ASP.NET
/// Core's request durations and Kestrel's connections (built into the framework's meters), and the runtime's.
/// </summary>
public static class MetricsEndpoint
{
    private static readonly string[] Meters =
    [
        SecretMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    ];

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsAnnotationValidator>(MetricsOptions.SectionName);
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(options.Path);
        }

        return endpoints;
    }

    /// <summary>Refuses (403) scrapes from outside <see cref="MetricsOptions.AllowedNetworks"/> without the bearer token.</summary>
    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var networks = options.AllowedNetworks
            .Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : (System.Net.IPNetwork?)null)
            .OfType<System.Net.IPNetwork>()
            .ToList();
        var token = string.IsNullOrEmpty(options.BearerToken) ? null : Encoding.UTF8.GetBytes($"Bearer {options.BearerToken}");
        return app.UseWhen(
            context => context.Request.Path.StartsWithSegments(options.Path, StringComparison.OrdinalIgnoreCase),
            metrics => metrics.Use(async (context, next) =>
            {
                if (MayScrape(context, networks, token))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }));
    }

    private static bool MayScrape(HttpContext context, List<System.Net.IPNetwork> networks, byte[]? token)
    {
        if (token is not null && context.Request.Headers.Authorization is { Count: 1 } authorization
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization.ToString()), token))
        {
            return true;
        }

        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return networks.Any(network => network.Contains(address));
    }
}
