using System.ComponentModel.DataAnnotations;
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
}
