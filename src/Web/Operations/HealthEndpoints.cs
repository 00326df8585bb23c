using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneTimeSecret.Application.Status.Queries.GetReadiness;
using OneTimeSecret.Infrastructure.RateLimiting;

namespace OneTimeSecret.Web.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers (for restarts). <c>/health/ready</c>: the database answers and its schema
/// is up to date (for load balancers and orchestrators), and, with <c>RateLimits:Redis</c>, whether the budgets are
/// shared (degraded, still ready, while Redis cannot be reached). Both are plain ASP.NET Core health checks.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";

    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag])
            .AddCheck<SharedBudgetsCheck>("shared-budgets", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return endpoints;
    }

    /// <summary>A small JSON report: the overall status and each check's status and description (never an exception).</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, string?> { ["status"] = e.Value.Status.ToString(), ["description"] = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}

/// <summary>Ready when the database answers and every migration has been applied.</summary>
internal sealed class DatabaseReadinessCheck(ISender sender) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var readiness = await sender.Send(new GetReadinessQuery(), cancellationToken);
        return readiness switch
        {
            { IsReady: true } => HealthCheckResult.Healthy("The database answers and its schema is up to date."),
            { DatabaseAvailable: false } => HealthCheckResult.Unhealthy("The database cannot be reached."),
            _ => HealthCheckResult.Unhealthy("Database migrations are pending."),
        };
    }
}

/// <summary>
/// Degraded while <c>RateLimits:Redis</c> is set but cannot be reached: the instance still serves every request,
/// with budgets of its own. Asks Redis itself, so an outage shows even when no budget is being spent.
/// </summary>
internal sealed class SharedBudgetsCheck(SharedWindowCounters counters) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!counters.IsShared)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Budgets are counted per instance (RateLimits:Redis is not set)."));
        }

        counters.Peek("health", TimeSpan.FromSeconds(1));
        return Task.FromResult(counters.IsDegraded
            ? HealthCheckResult.Degraded("Redis cannot be reached: budgets are counted per instance until it is back.")
            : HealthCheckResult.Healthy("Budgets are shared through Redis."));
    }
}
