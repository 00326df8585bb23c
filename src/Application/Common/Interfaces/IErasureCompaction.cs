namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// Makes erased values unrecoverable from the database's files: old row versions and log pages that still hold an
/// erased ciphertext are reclaimed. The purge calls it after each run, so reveals and burns are covered within one
/// purge interval.
/// </summary>
public interface IErasureCompaction
{
    Task CompactAsync(CancellationToken cancellationToken);
}
