using OneTimeSecret.Application;
using OneTimeSecret.Infrastructure;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.Cli;

/// <summary>
/// The services a command line needs, configured like the web app (appsettings.json, environment variables), with
/// logs on standard error at warning level and the database migrated.
/// </summary>
internal static class CommandLineHost
{
    /// <param name="settings">Settings that override the configuration (for tests).</param>
    public static async Task<IHost> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddApplicationServices()
            .AddInfrastructureServices(builder.Configuration)
            .AddGeneratedMediator();

        var host = builder.Build();
        try
        {
            // The same fail-fast validation the web host does when it starts.
            host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            await host.Services.InitialiseDatabaseAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
