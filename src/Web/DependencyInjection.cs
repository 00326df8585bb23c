using System.Net;
using FluentValidation;
using FluentValidation.AspNetCore;
using Mediator;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Web.Api;
using OneTimeSecret.Web.Api.V1.Documentation;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;
using OneTimeSecret.Web.Common;
using OneTimeSecret.Web.Operations;
using OneTimeSecret.Web.RateLimiting;
using OneTimeSecret.Web.Site;
using OneTimeSecret.Web.Site.Models;

namespace OneTimeSecret.Web;

public static class DependencyInjection
{
    public static IServiceCollection AddWebServices(this IServiceCollection services)
    {
        services.AddGeneratedMediator();

        // The framework's request log repeats RequestLogging's line; whatever any category logs, at any level, has
        // its keys cut short by the redacting logger factory.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddKeyRedactingLogging();

        services.AddValidatedOptions<AppOptions, AppOptionsAnnotationValidator>(AppOptions.SectionName);
        services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        services.AddMailSettings();
        services.AddHttpContextAccessor();
        services.AddScoped<PublicUrls>();
        services.AddScoped<WireMapper>();
        services.AddSingleton<SiteBrand>();

        // The API authenticates with HTTP basic, the pages with a session cookie: see SiteAuthentication.
        services.AddSiteAuthentication();

        services.AddValidatedOptions<ReverseProxyOptions, ReverseProxyOptionsAnnotationValidator>(ReverseProxyOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddRateLimitPolicies();

        // Room for the longest key anyone may send (10,000 characters) to reach the API and get its JSON answer.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestLineSize = 16 * 1024);

        services.AddControllersWithViews();
        services.AddFluentValidationClientsideAdapters();
        services.AddScoped<IValidator<ShareForm>, ShareFormValidator>();
        services.AddScoped<IValidator<SignInForm>, SignInFormValidator>();
        services.AddScoped<IValidator<SignUpForm>, SignUpFormValidator>();
        services.AddSingleton<DocsLink>();

        // Registration order is the order of trial: pages get HTML error pages, and the API (the handler that
        // takes everything left) gets its JSON errors.
        services.AddSingleton<DatabaseOutageLog>();
        services.AddExceptionHandler<PageExceptionHandler>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddHostedService<StartupTasks>();

        services.AddHealthEndpoints();
        services.AddPrometheusMetrics();
        services.AddApiDocumentation();
        services.AddValidatedOptions<IdleMemoryTrimOptions, IdleMemoryTrimOptionsAnnotationValidator>(IdleMemoryTrimOptions.SectionName);
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
