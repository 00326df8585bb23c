using System.Linq.Expressions;

namespace OneTimeSecret.Domain.Requests;

/// <summary>
/// An account asks for a secret: anyone with the request's link may answer it once, and the answer becomes a secret
/// owned by the requester. The request key is never stored in clear: the row is found by a hash of the key, and the
/// key is kept encrypted for the requester only (like a secret's metadata key), so the account's list can link to it.
/// </summary>
public sealed class SecretRequest
{
    /// <summary>The longest note for the sender, in characters (Unicode scalar values).</summary>
    public const int MaxNoteLength = 500;

    private SecretRequest()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>SHA-256 of the request key: how the sender's link finds the row.</summary>
    public byte[] RequestKeyHash { get; private set; } = [];

    /// <summary>The request key, encrypted under a key derived from the master key and the requester's account.</summary>
    public byte[] EncryptedRequestKey { get; private set; } = [];

    /// <summary>The requester.</summary>
    public Guid CustomerId { get; private set; }

    /// <summary>The note for the sender, encrypted under the master key and the request; <c>null</c> without a note.</summary>
    public byte[]? EncryptedNote { get; private set; }

    public SecretRequestState State { get; private set; }

    /// <summary>How long the request stays open (after clamping), in seconds.</summary>
    public long TtlSeconds { get; private set; }

    /// <summary>How long the answered secret lives (after clamping), in seconds.</summary>
    public long SecretTtlSeconds { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When an open request expires.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The secret the answer created, owned by the requester.</summary>
    public Guid? SecretId { get; private set; }

    /// <summary>
    /// When the purge deletes the row. An open, expired or cancelled request is kept as long again as it was open
    /// (like a secret's metadata, <see cref="Secrets.Secret.MetadataLifetimeFactor"/>), so the requester still sees
    /// what became of it; an answered one goes with the metadata of its secret.
    /// </summary>
    public DateTimeOffset RetainUntil { get; private set; }

    public static SecretRequest Create(
        Guid id,
        byte[] requestKeyHash,
        byte[] encryptedRequestKey,
        Guid customerId,
        byte[]? encryptedNote,
        long ttlSeconds,
        long secretTtlSeconds,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requestKeyHash);
        ArgumentNullException.ThrowIfNull(encryptedRequestKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ttlSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(secretTtlSeconds);
        var expires = now.AddSeconds(ttlSeconds);
        return new SecretRequest
        {
            Id = id,
            RequestKeyHash = requestKeyHash,
            EncryptedRequestKey = encryptedRequestKey,
            CustomerId = customerId,
            EncryptedNote = encryptedNote,
            State = SecretRequestState.Open,
            TtlSeconds = ttlSeconds,
            SecretTtlSeconds = secretTtlSeconds,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = expires,
            RetainUntil = now.AddSeconds(ttlSeconds * Secrets.Secret.MetadataLifetimeFactor),
        };
    }

    /// <summary>
    /// "Answerable at a time", for queries and for the one conditional update that answers: open and not expired.
    /// <see cref="IsAnswerableAt"/> is its in-memory twin.
    /// </summary>
    public static Expression<Func<SecretRequest, bool>> AnswerableAt(DateTimeOffset now) =>
        r => r.State == SecretRequestState.Open && r.ExpiresAt > now;

    /// <summary>"Due for the purge at a time", for queries.</summary>
    public static Expression<Func<SecretRequest, bool>> DueForPurgeAt(DateTimeOffset now) => r => r.RetainUntil <= now;

    public bool IsAnswerableAt(DateTimeOffset now) => State == SecretRequestState.Open && now < ExpiresAt;

    /// <summary>The state as seen at <paramref name="now"/>: an open request past its expiry is expired at once.</summary>
    public SecretRequestState StateAt(DateTimeOffset now) =>
        State == SecretRequestState.Open && now >= ExpiresAt ? SecretRequestState.Expired : State;
}
