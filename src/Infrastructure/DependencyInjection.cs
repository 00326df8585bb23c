using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.DataProtection;
using OneTimeSecret.Infrastructure.Mail;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.Infrastructure.RateLimiting;

namespace OneTimeSecret.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Everything the web host and the command lines share, one concern per call. The background jobs of a running
    /// server are separate: <see cref="Jobs.JobServices.AddBackgroundJobs"/>.
    /// </summary>
    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services
            .AddPersistence(configuration)
            .AddCrypto()
            .AddSharedDataProtection()
            .AddMail(configuration)
            .AddSharedBudgets();
    }

    /// <summary>The counters of every budget (Redis when <c>RateLimits:Redis</c> is set) and the passphrase budget.</summary>
    private static IServiceCollection AddSharedBudgets(this IServiceCollection services)
    {
        services.AddValidatedOptions<SharedBudgetOptions, SharedBudgetOptionsValidator>(SharedBudgetOptions.SectionName);
        services.AddSingleton<SharedWindowCounters>();
        services.AddSingleton<IWindowCounters>(provider => provider.GetRequiredService<SharedWindowCounters>());
        return services.AddSingleton<IPassphraseAttemptLimiter, PassphraseAttemptLimiter>();
    }
}
