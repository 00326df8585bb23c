namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// A named lock held across every instance of the app that shares the database, so that duties like the purge run
/// on one instance at a time.
/// </summary>
public interface IDistributedLock
{
    /// <summary>Takes the lock if nobody holds it; <c>null</c> when another holder has it. Dispose to release.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}
