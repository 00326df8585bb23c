using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1;

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
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Application.Common.Interfaces.IPassphraseAttemptLimiter, PassphraseAttemptLimiter>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
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
            return RateLimitPartition.GetFixedWindowLimiter(
                $"{name}|{ClientPartition.For(context)}",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = budget.PermitLimit,
                    Window = TimeSpan.FromSeconds(budget.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        await ApiErrorWriter.WriteAsync(
            context.HttpContext,
            StatusCodes.Status429TooManyRequests,
            ApiV1Json.Error(RateLimitedException.ReferenceMessage),
            cancellationToken,
            retryAfter);
    }
}
