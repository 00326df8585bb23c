using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Behaviours;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Customers.Queries.SignIn;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers validators, pipeline behaviours (in order: exception logging, the creators' sign-in rule, validation, timing) and options.
    /// The mediator itself is generated in the host project, which calls <c>AddMediator</c>.
    /// </summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(CreatorSignInBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));

        services.AddValidatedOptions<PlanOptions, PlanOptionsAnnotationValidator>(PlanOptions.SectionName);
        services.AddValidatedOptions<SecretOptions, SecretOptionsAnnotationValidator>(SecretOptions.SectionName);
        services.AddValidatedOptions<PassphraseAttemptOptions, PassphraseAttemptOptionsAnnotationValidator>(PassphraseAttemptOptions.SectionName);
        services.AddValidatedOptions<PurgeOptions, PurgeOptionsAnnotationValidator>(PurgeOptions.SectionName);
        services.AddValidatedOptions<EmailDeliveryOptions, EmailDeliveryOptionsAnnotationValidator>(EmailDeliveryOptions.SectionName);
        services.AddValidatedOptions<SiteOptions, SiteOptionsAnnotationValidator>(SiteOptions.SectionName);
        services.AddValidatedOptions<EmailQuotaOptions, EmailQuotaOptionsAnnotationValidator>(EmailQuotaOptions.SectionName);

        services.AddValidatedOptions<AccountOptions, AccountOptionsAnnotationValidator>(AccountOptions.SectionName);

        services.AddScoped<SecretCreator>();
        services.AddScoped<SecretRequestReader>();
        services.AddScoped<Notifications.Common.EmailQuota>();
        services.AddScoped<Customers.Commands.SendVerificationEmail.VerificationEmails>();
        services.AddSingleton<DecoyPasswordHash>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
