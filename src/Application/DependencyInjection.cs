using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Behaviours;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Customers.Queries.SignIn;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers validators, pipeline behaviours (in order: exception logging, validation, timing) and options.
    /// The mediator itself is generated in the host project, which calls <c>AddMediator</c>.
    /// </summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));

        services.AddOptions<PlanOptions>().BindConfiguration(PlanOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecretOptions>().BindConfiguration(SecretOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PassphraseAttemptOptions>().BindConfiguration(PassphraseAttemptOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PurgeOptions>().BindConfiguration(PurgeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailDeliveryOptions>().BindConfiguration(EmailDeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddScoped<SecretCreator>();
        services.AddSingleton<DecoyPasswordHash>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
