using OneTimeSecret.Application.Customers.Queries.SignIn;

namespace OneTimeSecret.Web.Authentication;

/// <summary>Makes the decoy password hash before the server listens, so no sign-in pays for it (see <see cref="DecoyPasswordHash"/>).</summary>
internal sealed class DecoyPasswordHashWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<DecoyPasswordHash>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
