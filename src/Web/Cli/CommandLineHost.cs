using Microsoft.Extensions.Options;
using OneTimeSecret.Application;
using OneTimeSecret.Infrastructure;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Cli;

/// <summary>
/// The services a command line needs, configured like the web app (the app folder's appsettings.json, environment
/// variables), with logs on standard error at warning level (keys redacted), the same start-up checks as the web
/// host, and the database migrated.
/// </summary>
internal static class CommandLineHost
{
    /// <summary>The started host, or null after writing why it cannot start (a bad setting).</summary>
    /// <param name="errors">Where the reason goes.</param>
    /// <param name="settings">Settings that override the configuration (for tests).</param>
    public static async Task<IHost?> TryStartAsync(TextWriter errors, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = ContentRoot.For([]) });
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
            .AddGeneratedMediator()
            .AddKeyRedactingLogging();

        var host = builder.Build();
        try
        {
            // The same checks the web host makes at start: options, master key, database.
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            _ = host.Services.GetRequiredService<MasterKeyRing>();
            await host.Services.InitialiseDatabaseAsync();
            return host;
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
        {
            host.Dispose();
            await errors.WriteLineAsync($"Cannot start: {exception.Message}");
            return null;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
