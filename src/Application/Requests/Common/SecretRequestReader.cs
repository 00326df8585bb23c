using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Requests.Common;

/// <summary>Finds requests by key and turns them into what the requester may see.</summary>
public sealed class SecretRequestReader(IApplicationDbContext db, ISecretCipher cipher, IKeyHasher keyHasher)
{
    /// <summary>The request behind a key, whoever owns it; <c>null</c> for a malformed or unknown key.</summary>
    public async Task<SecretRequest?> FindAsync(string? requestKey, CancellationToken cancellationToken)
    {
        if (!SecretKeyFormat.IsWellFormed(requestKey))
        {
            return null;
        }

        var hash = keyHasher.Hash(requestKey!);
        return await db.SecretRequests.AsNoTracking().SingleOrDefaultAsync(r => r.RequestKeyHash == hash, cancellationToken);
    }

    /// <summary>The request behind a key if <paramref name="customerId"/> owns it; "unknown request" otherwise.</summary>
    public async Task<SecretRequest> FindOwnedAsync(string? requestKey, Guid customerId, CancellationToken cancellationToken)
    {
        var request = await FindAsync(requestKey, cancellationToken);
        return request is not null && request.CustomerId == customerId ? request : throw new RequestNotFoundException();
    }

    public string Note(SecretRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.EncryptedNote is null ? string.Empty : cipher.DecryptRequestNote(request.EncryptedNote, request.Id);
    }

    /// <summary>The requester's view; with <paramref name="withSecretKeys"/>, the keys of the answered secret too.</summary>
    public async Task<SecretRequestDto> ToDtoAsync(SecretRequest request, DateTimeOffset now, bool withSecretKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dto = new SecretRequestDto
        {
            RequestKey = cipher.DecryptRequestKey(request.EncryptedRequestKey, request.CustomerId),
            State = request.StateAt(now),
            Note = Note(request),
            Ttl = request.TtlSeconds,
            SecretTtl = request.SecretTtlSeconds,
            Created = request.CreatedAt,
            Expires = request.ExpiresAt,
            Answered = request.AnsweredAt,
        };
        if (!withSecretKeys || request.State != SecretRequestState.Answered || request.SecretId is not { } secretId)
        {
            return dto;
        }

        var secret = await db.Secrets
            .AsNoTracking()
            .Where(s => s.Id == secretId && s.CustomerId == request.CustomerId && s.MetadataExpiresAt > now)
            .Select(s => new { s.EncryptedMetadataKey, s.EncryptedSecretKey })
            .SingleOrDefaultAsync(cancellationToken);
        if (secret?.EncryptedMetadataKey is not { } encryptedMetadataKey)
        {
            return dto;
        }

        var metadataKey = cipher.DecryptMetadataKey(encryptedMetadataKey, request.CustomerId);
        var secretKey = secret.EncryptedSecretKey.Length == 0 ? null : cipher.DecryptSecretKey(secret.EncryptedSecretKey, metadataKey);
        return dto with { MetadataKey = metadataKey, SecretKey = secretKey };
    }
}
