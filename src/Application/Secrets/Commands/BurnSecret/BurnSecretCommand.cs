using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Commands.BurnSecret;

/// <summary>
/// The creator destroys a secret that has not been read yet. A passphrase-protected secret needs its passphrase, as on
/// the live service: without it, or with a wrong one, the answer is "unknown secret" and the secret survives.
/// </summary>
/// <param name="ClientId">Who asks (an address or an account), for the budget of passphrase attempts.</param>
public sealed record BurnSecretCommand(string MetadataKey, string? Passphrase, string ClientId) : ICommand<BurnedSecret>;

/// <param name="SecretShortKey">The first characters of the secret key, to name it without revealing it.</param>
public sealed record BurnedSecret(MetadataDto Metadata, string SecretShortKey);

/// <summary>Like a reveal, a burn without a client would share one budget of passphrase checks with every other one.</summary>
public sealed class BurnSecretCommandValidator : AbstractValidator<BurnSecretCommand>
{
    public BurnSecretCommandValidator()
    {
        RuleFor(c => c.ClientId).NotEmpty();
    }
}

public sealed class BurnSecretCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IKeyHasher keyHasher,
    IPassphraseHasher passphraseHasher,
    IPassphraseAttemptLimiter attemptLimiter,
    ISecretClaims claims,
    TimeProvider clock) : ICommandHandler<BurnSecretCommand, BurnedSecret>
{
    public async ValueTask<BurnedSecret> Handle(BurnSecretCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var secret = await MetadataLookup.FindLiveAsync(db, keyHasher, command.MetadataKey, now, cancellationToken);

        // A wrong passphrase here spends the same budgets as on reveal, so burn is no way around them.
        if (secret.PassphraseHash is not null
            && secret.Ciphertext is not null
            && !await PassphraseGate.OpensAsync(
                claims, passphraseHasher, attemptLimiter, secret.Id, secret.PassphraseHash, command.Passphrase, command.ClientId, now, cancellationToken))
        {
            throw new MetadataNotFoundException();
        }

        // Like the reference service, a secret that is already gone cannot be burned: "unknown secret".
        var burned = await db.Secrets
            .Where(s => s.Id == secret.Id)
            .Where(Secret.RevealableAt(now))
            .EraseIntoAsync(SecretState.Burned, now, cancellationToken);
        if (burned != 1)
        {
            throw new MetadataNotFoundException();
        }

        SecretMetrics.SecretBurned();
        if (secret.CustomerId is { } customerId)
        {
            await db.Customers
                .Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.SecretsBurned, c => c.SecretsBurned + 1), cancellationToken);
        }

        var current = await db.Secrets.AsNoTracking().SingleAsync(s => s.Id == secret.Id, cancellationToken);
        var secretKey = cipher.DecryptSecretKey(current.EncryptedSecretKey, command.MetadataKey);
        var owner = await SecretOwner.CustIdAsync(db, current, cancellationToken);
        var metadata = await current.ToMetadataDto(owner, command.MetadataKey, secretKey, now).WithNote(current, cipher).WithEmailStatusAsync(db, current, cancellationToken);
        return new BurnedSecret(metadata, SecretKeyFormat.ShortKey(secretKey));
    }
}
