using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Commands.RevealSecret;

/// <summary>Reveal a secret: the value is returned to exactly one caller and erased in the same step.</summary>
/// <param name="ClientId">Who asks (an address or an account), for the budget of passphrase attempts.</param>
public sealed record RevealSecretCommand(string SecretKey, string? Passphrase, string ClientId = "") : ICommand<RevealedSecret>;

public sealed record RevealedSecret(string SecretKey, string Value, string ShareDomain);

public sealed class RevealSecretCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IKeyHasher keyHasher,
    IPassphraseHasher passphraseHasher,
    IPassphraseAttemptLimiter attemptLimiter,
    IOptions<SecretOptions> options,
    TimeProvider clock) : ICommandHandler<RevealSecretCommand, RevealedSecret>
{
    public async ValueTask<RevealedSecret> Handle(RevealSecretCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!SecretKeyFormat.IsWellFormed(command.SecretKey))
        {
            throw new SecretNotFoundException(command.SecretKey);
        }

        var keyHash = keyHasher.Hash(command.SecretKey);
        var now = clock.GetUtcNow();

        // Most secrets have no passphrase. Where the database can, such a secret is claimed, erased and read back in
        // one statement; a secret with a passphrase (or none at all) is never touched by it.
        if (await db.TryClaimUnprotectedSecretAsync(keyHash, now, cancellationToken) is { } unprotected)
        {
            var unprotectedValue = cipher.DecryptValue(unprotected.Ciphertext, command.SecretKey, null);
            SecretMetrics.SecretRevealed();
            return new RevealedSecret(command.SecretKey, unprotectedValue, unprotected.ShareDomain);
        }

        var candidate = await db.Secrets
            .AsNoTracking()
            .Where(s => s.SecretKeyHash == keyHash
                && s.Ciphertext != null
                && (s.State == SecretState.New || s.State == SecretState.Viewed)
                && s.SecretExpiresAt > now)
            .Select(s => new { s.Id, s.Ciphertext, s.PassphraseHash, s.ShareDomain })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new SecretNotFoundException(command.SecretKey);

        // A wrong or missing passphrase is checked before the claim, so it never consumes the secret.
        var passphrase = string.IsNullOrEmpty(command.Passphrase) ? null : command.Passphrase;
        if (candidate.PassphraseHash is not null
            && !await PassphraseGate.OpensAsync(
                db, passphraseHasher, attemptLimiter, options.Value.MaxPassphraseAttempts, candidate.Id, candidate.PassphraseHash, passphrase, command.ClientId, now, cancellationToken))
        {
            throw new SecretNotFoundException(command.SecretKey);
        }

        // The claim: one conditional statement erases the ciphertext and marks the secret received. Under any
        // concurrency, on any number of instances, exactly one caller changes the row; the others get nothing.
        var claimed = await db.Secrets
            .Where(s => s.Id == candidate.Id
                && s.Ciphertext != null
                && (s.State == SecretState.New || s.State == SecretState.Viewed)
                && s.SecretExpiresAt > now)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Ciphertext, (byte[]?)null)
                    .SetProperty(s => s.PassphraseHash, (string?)null)
                    .SetProperty(s => s.State, SecretState.Received)
                    .SetProperty(s => s.ReceivedAt, now)
                    .SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
        if (claimed != 1)
        {
            throw new SecretNotFoundException(command.SecretKey);
        }

        var value = cipher.DecryptValue(candidate.Ciphertext!, command.SecretKey, candidate.PassphraseHash is null ? null : passphrase);
        SecretMetrics.SecretRevealed();
        return new RevealedSecret(command.SecretKey, value, candidate.ShareDomain);
    }
}
