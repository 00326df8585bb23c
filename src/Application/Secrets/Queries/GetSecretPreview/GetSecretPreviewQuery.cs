using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Queries.GetSecretPreview;

/// <summary>
/// Whether a secret key can still be revealed, whether it needs a passphrase and how many passphrase attempts are
/// left, without revealing it and without changing anything: the recipient's page asks this on a GET, which link
/// previews, scanners and prefetchers also send. Unknown, malformed, received, burned and expired keys all answer
/// <see cref="SecretNotFoundException"/>; a secret destroyed by too many wrong passphrases answers
/// <see cref="SecretDestroyedException"/>, so its recipient learns why (only the holder of the key can ask).
/// </summary>
public sealed record GetSecretPreviewQuery(string SecretKey) : IQuery<SecretPreview>;

/// <param name="AttemptsLeft">Wrong passphrases that may still be tried before the secret is destroyed; <c>null</c> without a passphrase.</param>
public sealed record SecretPreview(string SecretKey, bool PassphraseRequired, int? AttemptsLeft = null);

public sealed class GetSecretPreviewQueryHandler(IApplicationDbContext db, IKeyHasher keyHasher, IOptions<SecretOptions> options, TimeProvider clock)
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
        var found = await db.Secrets
            .AsNoTracking()
            .Where(s => s.SecretKeyHash == keyHash)
            .Where(Secret.RevealableAt(now))
            .Select(s => new { PassphraseRequired = s.PassphraseHash != null, s.FailedPassphraseAttempts })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            var destroyed = await db.Secrets.AsNoTracking().AnyAsync(s => s.SecretKeyHash == keyHash && s.DestroyedByFailedPassphrases, cancellationToken);
            throw destroyed ? new SecretDestroyedException(query.SecretKey) : new SecretNotFoundException(query.SecretKey);
        }

        int? attemptsLeft = found.PassphraseRequired
            ? Math.Max(0, options.Value.MaxPassphraseAttempts - found.FailedPassphraseAttempts)
            : null;
        return new SecretPreview(query.SecretKey, found.PassphraseRequired, attemptsLeft);
    }
}
