using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// Work that must be done before the first request: load (or, in development, create) the master key and apply
/// database migrations. Runs in <see cref="StartingAsync"/>, before any server starts listening.
/// </summary>
internal sealed class StartupTasks(IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<MasterKeyRing>();
        await services.InitialiseDatabaseAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
