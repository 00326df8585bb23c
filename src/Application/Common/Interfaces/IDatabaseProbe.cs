namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>Tells whether the database answers, for the status endpoint and health checks.</summary>
public interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);

    /// <summary>Whether every migration this version knows has been applied (false when the database cannot be reached).</summary>
    Task<bool> IsSchemaUpToDateAsync(CancellationToken cancellationToken);
}
