using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Infrastructure.RateLimiting;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.Site;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web.RateLimiting;

/// <summary>The named budgets endpoints opt into with <c>[EnableRateLimiting(RateLimitPolicies.X)]</c>.</summary>
public static class RateLimitPolicies
{

    public const string Create = "create";
    public const string Generate = "generate";
    public const string Reveal = "reveal";
    public const string SignIn = "signin";

    public static IServiceCollection AddRateLimitPolicies(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsAnnotationValidator>(RateLimitingOptions.SectionName);
        services.AddSingleton<AccountSignInBudget>();
        services.AddSingleton<ApiCredentialBudget>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ConcurrencyPartition);
            AddPolicy(options, Create, o => o.Create);
            AddPolicy(options, Generate, o => o.Generate);
            AddPolicy(options, Reveal, o => o.Reveal);
            AddPolicy(options, SignIn, o => o.SignIn);
        });
        return services;
    }

    private static void AddPolicy(RateLimiterOptions options, string name, Func<RateLimitingOptions, RateLimitBudget> budgetOf) =>
        options.AddPolicy(name, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            if (!settings.Enabled)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var budget = budgetOf(settings);
            var key = $"{name}|{ClientPartition.For(context)}";
            return RateLimitPartition.Get(
                key,
                partition => new CountingRateLimiter(
                    context.RequestServices.GetRequiredService<IWindowCounters>(),
                    partition,
                    budget.PermitLimit,
                    TimeSpan.FromSeconds(budget.WindowSeconds),
                    context.RequestServices.GetRequiredService<TimeProvider>()));
        });

    private const string ConcurrencyPartitionKey = "api-concurrency";

    private static RateLimitPartition<string> ConcurrencyPartition(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
        if (settings.MaxConcurrentRequests == 0 || !context.Request.Path.StartsWithSegments("/api"))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetConcurrencyLimiter(
            ConcurrencyPartitionKey,
            _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.MaxConcurrentRequests,
                QueueLimit = settings.MaxQueuedRequests,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    }

    /// <summary>
    /// A budget that is spent (its lease tells when to retry) is a 429 with the live service's message; a full queue of
    /// the concurrency limiter (no retry time) is a 503.
    /// </summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        if (!context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            await ApiErrorWriter.WriteAsync(
                context.HttpContext,
                StatusCodes.Status503ServiceUnavailable,
                new ErrorAnswer("Service busy, please try again shortly"),
                cancellationToken,
                TimeSpan.FromSeconds(5));
            return;
        }

        if (!context.HttpContext.IsApiRequest())
        {
            // The pages answer with an HTML page; the API with its JSON error below.
            await ErrorPages.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ErrorKind.Status, retryAfter);
            return;
        }

        await ApiErrorWriter.WriteAsync(
            context.HttpContext,
            StatusCodes.Status429TooManyRequests,
            new ErrorAnswer(RateLimitedException.ReferenceMessage),
            cancellationToken,
            retryAfter);
    }
}
