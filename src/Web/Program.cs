using OneTimeSecret.Application;
using OneTimeSecret.Infrastructure;
using OneTimeSecret.Web;
using OneTimeSecret.Web.Cli;
using OneTimeSecret.Web.Common;

if (UsersCommandLine.Handles(args))
{
    return await UsersCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services
    .AddApplicationServices()
    .AddInfrastructureServices(builder.Configuration)
    .AddBackgroundJobs(builder.Configuration)
    .AddWebServices();

var app = builder.Build();
app.UseWebPipeline();
await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public for in-process tests).</summary>
public partial class Program;
