using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Commands.ViewMetadata;

/// <summary>
/// The creator looks at a secret's metadata; a new secret becomes <c>viewed</c>. Like the live service (which builds
/// the answer, then marks it viewed), the answer reports the state before this look: the first look says <c>new</c>,
/// so a script asking "has anyone opened it" with <c>state == "new"</c> is not fooled by its own look.
/// </summary>
public sealed record ViewMetadataCommand(string MetadataKey) : ICommand<MetadataDto>;

public sealed class ViewMetadataCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IKeyHasher keyHasher,
    TimeProvider clock) : ICommandHandler<ViewMetadataCommand, MetadataDto>
{
    public async ValueTask<MetadataDto> Handle(ViewMetadataCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var secret = await MetadataLookup.FindLiveAsync(db, keyHasher, command.MetadataKey, now, cancellationToken);

        // A received secret's key is erased with its value.
        var secretKey = secret.EncryptedSecretKey.Length == 0 ? null : cipher.DecryptSecretKey(secret.EncryptedSecretKey, command.MetadataKey);
        var owner = await SecretOwner.CustIdAsync(db, secret, cancellationToken);
        var answer = await secret.ToMetadataDto(owner, command.MetadataKey, secretKey, now).WithNote(secret, cipher).WithEmailStatusAsync(db, secret, cancellationToken);
        if (answer.State != SecretState.New)
        {
            return answer;
        }

        // Conditional, so that a reveal or burn happening at the same moment is never overwritten; when one did, the
        // answer is the state it left (a received secret's key is not shown).
        var marked = await db.Secrets
            .Where(s => s.Id == secret.Id && s.State == SecretState.New)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, SecretState.Viewed), cancellationToken);
        if (marked == 1)
        {
            return answer;
        }

        var current = await db.Secrets.AsNoTracking().SingleAsync(s => s.Id == secret.Id, cancellationToken);
        return await current.ToMetadataDto(owner, command.MetadataKey, secretKey, now).WithNote(current, cipher).WithEmailStatusAsync(db, current, cancellationToken);
    }
}

/// <summary>Finds the live metadata behind a metadata key, or answers "unknown secret".</summary>
internal static class MetadataLookup
{
    public static async Task<Secret> FindLiveAsync(
        IApplicationDbContext db,
        IKeyHasher keyHasher,
        string? metadataKey,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!SecretKeyFormat.IsWellFormed(metadataKey))
        {
            throw new MetadataNotFoundException();
        }

        var keyHash = keyHasher.Hash(metadataKey!);
        return await db.Secrets
            .AsNoTracking()
            .Where(s => s.MetadataKeyHash == keyHash && s.MetadataExpiresAt > now)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new MetadataNotFoundException();
    }
}
