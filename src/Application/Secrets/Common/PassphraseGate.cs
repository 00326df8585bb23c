using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Telemetry;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>
/// The passphrase check in front of every use of a protected secret (reveal and burn), so that both spend the same
/// budgets: the client's budget of checks and the secret's own count of attempts, each taken before bcrypt runs; the
/// attempt that spends the secret's last one destroys it.
/// </summary>
internal static class PassphraseGate
{
    /// <summary>
    /// True when <paramref name="passphrase"/> opens the secret. A missing one is false without a check; a wrong one is
    /// counted against the secret. Throws <see cref="RateLimitedException"/> when the client's budget is spent.
    /// </summary>
    public static async Task<bool> OpensAsync(
        ISecretClaims claims,
        IPassphraseHasher passphraseHasher,
        IPassphraseAttemptLimiter attemptLimiter,
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

        // Reserved per secret in one conditional statement before bcrypt: under any concurrency, no more checks run
        // than the secret's limit.
        if (await claims.TryReservePassphraseAttemptAsync(secretId, now, cancellationToken)
            && passphraseHasher.Verify(passphrase, passphraseHash))
        {
            return true;
        }

        await claims.DestroyIfAttemptsSpentAsync(secretId, now, cancellationToken);
        SecretMetrics.PassphraseRejected();
        return false;
    }
}
