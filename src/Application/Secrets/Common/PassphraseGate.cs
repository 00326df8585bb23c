using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>
/// The passphrase check in front of every use of a protected secret (reveal and burn), so that both spend the same
/// budgets: the client's budget of checks (taken before bcrypt) and the secret's own count of wrong passphrases, whose
/// last one destroys it.
/// </summary>
internal static class PassphraseGate
{
    /// <summary>
    /// True when <paramref name="passphrase"/> opens the secret. A missing one is false without a check; a wrong one is
    /// counted against the secret. Throws <see cref="RateLimitedException"/> when the client's budget is spent.
    /// </summary>
    public static async Task<bool> OpensAsync(
        IApplicationDbContext db,
        IPassphraseHasher passphraseHasher,
        IPassphraseAttemptLimiter attemptLimiter,
        int maxAttempts,
        Guid secretId,
        string passphraseHash,
        string? passphrase,
        string clientId,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            SecretMetrics.PassphraseRejected();
            return false;
        }

        if (!attemptLimiter.TryAcquire(clientId, out var retryAfter))
        {
            throw new RateLimitedException(retryAfter);
        }

        if (passphraseHasher.Verify(passphrase, passphraseHash))
        {
            return true;
        }

        await CountFailedAttemptAsync(db, secretId, maxAttempts, now, cancellationToken);
        SecretMetrics.PassphraseRejected();
        return false;
    }

    /// <summary>Counts a wrong passphrase; the attempt that reaches the limit destroys the secret.</summary>
    private static async Task CountFailedAttemptAsync(IApplicationDbContext db, Guid secretId, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Secrets
            .Where(s => s.Id == secretId && s.Ciphertext != null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FailedPassphraseAttempts, s => s.FailedPassphraseAttempts + 1), cancellationToken);
        await db.Secrets
            .Where(s => s.Id == secretId
                && s.Ciphertext != null
                && (s.State == SecretState.New || s.State == SecretState.Viewed)
                && s.FailedPassphraseAttempts >= maxAttempts)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Ciphertext, (byte[]?)null)
                    .SetProperty(s => s.PassphraseHash, (string?)null)
                    .SetProperty(s => s.State, SecretState.Burned)
                    .SetProperty(s => s.DestroyedByFailedPassphrases, true)
                    .SetProperty(s => s.BurnedAt, now)
                    .SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
    }
}
