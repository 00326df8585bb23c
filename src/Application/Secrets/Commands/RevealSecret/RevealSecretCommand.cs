using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Commands.RevealSecret;

/// <summary>Reveal a secret: the value is returned to exactly one caller and erased in the same step.</summary>
/// <param name="ClientId">Who asks (the partition of an address or an account), for the budget of passphrase checks.</param>
public sealed record RevealSecretCommand(string SecretKey, string? Passphrase, string ClientId) : ICommand<RevealedSecret>;

public sealed record RevealedSecret(string SecretKey, string Value, string ShareDomain);

/// <summary>A reveal without a client would share one budget of passphrase checks with every other such reveal.</summary>
public sealed class RevealSecretCommandValidator : AbstractValidator<RevealSecretCommand>
{
    public RevealSecretCommandValidator()
    {
        RuleFor(c => c.ClientId).NotEmpty();
    }
}

public sealed class RevealSecretCommandHandler(
    IApplicationDbContext db,
    ISecretClaims claims,
    ISecretCipher cipher,
    IKeyHasher keyHasher,
    IPassphraseHasher passphraseHasher,
    IPassphraseAttemptLimiter attemptLimiter,
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
        var passphrase = string.IsNullOrEmpty(command.Passphrase) ? null : command.Passphrase;

        // Most secrets have no passphrase, and then neither has the reveal: such a secret is claimed, erased and read
        // back at once (one statement on PostgreSQL). A reveal that sends a passphrase skips this, since the secret it
        // is meant for most likely has one and the claim could not take it.
        if (passphrase is null)
        {
            if (await claims.TryClaimUnprotectedAsync(keyHash, now, cancellationToken) is { } unprotected)
            {
                var unprotectedValue = cipher.DecryptValue(unprotected.Ciphertext, command.SecretKey, null);
                SecretMetrics.SecretRevealed();
                return new RevealedSecret(command.SecretKey, unprotectedValue, unprotected.ShareDomain);
            }

            // Unknown, gone, or it needs the passphrase that was not sent: the same answer, only the metric differs.
            if (await FindRevealableAsync(keyHash, now, cancellationToken) is { PassphraseHash: not null })
            {
                SecretMetrics.PassphraseRejected();
            }

            throw new SecretNotFoundException(command.SecretKey);
        }

        var candidate = await FindRevealableAsync(keyHash, now, cancellationToken)
            ?? throw new SecretNotFoundException(command.SecretKey);

        // A wrong passphrase is checked before the claim, so it never consumes the secret; the gate reserves each check
        // before bcrypt runs, so concurrent guesses cannot verify more than the secret's limit.
        if (candidate.PassphraseHash is not null
            && !await PassphraseGate.OpensAsync(claims, passphraseHasher, attemptLimiter, candidate.Id, candidate.PassphraseHash, passphrase, command.ClientId, now, cancellationToken))
        {
            throw new SecretNotFoundException(command.SecretKey);
        }

        // The claim: one conditional statement erases the value and marks the secret received. Under any concurrency,
        // on any number of instances, exactly one caller changes the row; the others get nothing.
        if (!await claims.TryClaimAsync(candidate.Id, now, cancellationToken))
        {
            throw new SecretNotFoundException(command.SecretKey);
        }

        var value = cipher.DecryptValue(candidate.Ciphertext!, command.SecretKey, candidate.PassphraseHash is null ? null : passphrase);
        SecretMetrics.SecretRevealed();
        return new RevealedSecret(command.SecretKey, value, candidate.ShareDomain);
    }

    private Task<Candidate?> FindRevealableAsync(byte[] keyHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Secrets
            .AsNoTracking()
            .Where(s => s.SecretKeyHash == keyHash)
            .Where(Secret.RevealableAt(now))
            .Select(s => new Candidate(s.Id, s.Ciphertext, s.PassphraseHash, s.ShareDomain))
            .SingleOrDefaultAsync(cancellationToken);

    private sealed record Candidate(Guid Id, byte[]? Ciphertext, string? PassphraseHash, string ShareDomain);
}
