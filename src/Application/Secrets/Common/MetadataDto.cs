using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>What the creator may know about a secret (the metadata, or receipt). Never holds the value.</summary>
public sealed record MetadataDto
{
    public required string CustId { get; init; }

    public required string MetadataKey { get; init; }

    /// <summary>The key to share; <c>null</c> once the secret is received or when listing.</summary>
    public string? SecretKey { get; init; }

    /// <summary>The effective time to live given at creation, in seconds.</summary>
    public long Ttl { get; init; }

    public long MetadataTtl { get; init; }

    public long SecretTtl { get; init; }

    public SecretState State { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; init; }

    public DateTimeOffset? Received { get; init; }

    public IReadOnlyList<string> Recipients { get; init; } = [];

    public bool PassphraseRequired { get; init; }

    public string ShareDomain { get; init; } = string.Empty;

    /// <summary>Whether the emails to the recipients went out; <c>null</c> when there were no recipients.</summary>
    public NotificationStatus? EmailStatus { get; init; }

    /// <summary>The creator's private note, decrypted with the metadata key; <c>null</c> without one. Never the recipient's.</summary>
    public string? Note { get; init; }

    /// <summary>The secret was destroyed because too many wrong passphrases were tried.</summary>
    public bool DestroyedByFailedPassphrases { get; init; }
}
