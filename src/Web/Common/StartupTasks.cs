using Microsoft.Extensions.Options;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Mail;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Work that must be done before the first request: load (or, in development, create) the master key and apply
/// database migrations. Runs in <see cref="StartingAsync"/>, before any server starts listening.
/// </summary>
internal sealed class StartupTasks(IServiceProvider services, ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<MasterKeyRing>();
        await services.InitialiseDatabaseAsync(cancellationToken);
        WarnAboutRequestHostLinks();
    }

    /// <summary>
    /// Emailed links are built when the secret is shared; without <c>App:BaseUrl</c> they take the host of the request,
    /// which a caller chooses. With a real mail server that would let anyone send links to another site in this
    /// service's name.
    /// </summary>
    private void WarnAboutRequestHostLinks()
    {
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
        if (smtp.UsesServer && string.IsNullOrWhiteSpace(app.BaseUrl))
        {
            logger.LogWarning(
                "Smtp:Host is set but App:BaseUrl is not: links in recipient emails take their host from each request. "
                + "Set App:BaseUrl to the public address of this service.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
