using Mediator;
using Microsoft.AspNetCore.Authentication;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web;

public static class DependencyInjection
{
    public static IServiceCollection AddWebServices(this IServiceCollection services)
    {
        services.AddGeneratedMediator();

        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<PublicUrls>();
        services.AddScoped<ApiV1Json>();

        services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);

        services.AddControllers();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddHostedService<StartupTasks>();

        services.AddOptions<IdleMemoryTrimOptions>().BindConfiguration(IdleMemoryTrimOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<IdleMemoryTrimmer>();
        return services;
    }

    /// <summary>
    /// The source-generated mediator over the Application's handlers, scoped so handlers share the request's
    /// database context. Called once for the web host and once for the command line.
    /// </summary>
    public static IServiceCollection AddGeneratedMediator(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(ShareSecretCommand)];
        });
}
