using OneTimeSecret.Application;
using OneTimeSecret.Infrastructure;
using OneTimeSecret.Infrastructure.Jobs;
using OneTimeSecret.Web;
using OneTimeSecret.Web.Cli;
using OneTimeSecret.Web.Common;

try
{
    if (UsersCommandLine.Handles(args))
    {
        return await UsersCommandLine.RunAsync(args);
    }

    if (KeysCommandLine.Handles(args))
    {
        return await KeysCommandLine.RunAsync(args);
    }

    if (HealthCommandLine.Handles(args))
    {
        return await HealthCommandLine.RunAsync(args);
    }

    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.For(args) });
    builder.Services
        .AddApplicationServices()
        .AddInfrastructureServices(builder.Configuration)
        .AddBackgroundJobs(builder.Configuration)
        .AddWebServices();

    var app = builder.Build();
    app.UseWebPipeline();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (ConfigurationErrors.OwnsProcess && ConfigurationErrors.IsConfigurationError(exception))
{
    // One clear line per bad setting instead of a stack trace; systemd does not restart on this exit code.
    await Console.Error.WriteLineAsync($"Configuration error, not starting:{Environment.NewLine}{ConfigurationErrors.Describe(exception)}");
    return ConfigurationErrors.ExitCode;
}

/// <summary>The web application's entry point (public for in-process tests).</summary>
public partial class Program;
