namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>Tells whether the database answers, for the status endpoint and health checks.</summary>
public interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);
}
