using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Queries.GetSecretPreview;

/// <summary>
/// Whether a secret key can still be revealed, and whether it needs a passphrase, without revealing it and without
/// changing anything: the recipient's page asks this on a GET, which link previews, scanners and prefetchers also
/// send. Unknown, malformed, received, burned and expired keys all answer <see cref="SecretNotFoundException"/>.
/// </summary>
public sealed record GetSecretPreviewQuery(string SecretKey) : IQuery<SecretPreview>;

public sealed record SecretPreview(string SecretKey, bool PassphraseRequired);

public sealed class GetSecretPreviewQueryHandler(IApplicationDbContext db, IKeyHasher keyHasher, TimeProvider clock)
    : IQueryHandler<GetSecretPreviewQuery, SecretPreview>
{
    public async ValueTask<SecretPreview> Handle(GetSecretPreviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!SecretKeyFormat.IsWellFormed(query.SecretKey))
        {
            throw new SecretNotFoundException(query.SecretKey);
        }

        var keyHash = keyHasher.Hash(query.SecretKey);
        var now = clock.GetUtcNow();
        var passphraseRequired = await db.Secrets
            .AsNoTracking()
            .Where(s => s.SecretKeyHash == keyHash)
            .Where(Secret.RevealableAt(now))
            .Select(s => (bool?)(s.PassphraseHash != null))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new SecretNotFoundException(query.SecretKey);
        return new SecretPreview(query.SecretKey, passphraseRequired);
    }
}
