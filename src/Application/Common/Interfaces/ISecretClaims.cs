using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>
/// The one-time claim of a secret's value, in its two forms: exactly one caller wins a revealable secret, under any
/// concurrency and on any number of instances, and the value is erased in the same step (docs/decisions/0005, 0008).
/// </summary>
public interface ISecretClaims
{
    /// <summary>
    /// Claims the secret with this key hash if it is revealable and has no passphrase, and returns what was erased;
    /// <c>null</c> when nothing was claimed (no such secret, it needs a passphrase, it is gone). On PostgreSQL this is
    /// one statement; elsewhere a select and <see cref="TryClaimAsync"/>.
    /// </summary>
    Task<ClaimedSecret?> TryClaimUnprotectedAsync(byte[] secretKeyHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The general claim of a secret already found (and whose passphrase, if any, was checked): erases it into
    /// <c>received</c> if it is still revealable and its passphrase attempts are not overspent (the limit may have been
    /// lowered since they were counted). False when another caller won it or it is gone.
    /// </summary>
    Task<bool> TryClaimAsync(Guid secretId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves one passphrase check of a revealable secret <em>before</em> it is verified, in one conditional
    /// statement: true when this caller may verify, false when the secret is gone or its attempts are spent. Under any
    /// concurrency no more than <c>Secrets:MaxPassphraseAttempts</c> checks are ever reserved for one secret.
    /// </summary>
    Task<bool> TryReservePassphraseAttemptAsync(Guid secretId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>After a wrong passphrase (or a refused reservation): destroys the secret if its attempts are spent.</summary>
    Task DestroyIfAttemptsSpentAsync(Guid secretId, DateTimeOffset now, CancellationToken cancellationToken);
}
