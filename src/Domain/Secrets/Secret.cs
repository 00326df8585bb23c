namespace OneTimeSecret.Domain.Secrets;

/// <summary>
/// A secret and its metadata (the creator's receipt). The value is held only as ciphertext and is erased when the
/// secret is received, burned or expires; the metadata outlives it so the creator can see what happened.
/// Keys are never stored in clear: rows are found by a hash of the key.
/// </summary>
public sealed class Secret
{
    /// <summary>The metadata lives this many times as long as the secret.</summary>
    public const int MetadataLifetimeFactor = 2;

    private Secret()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>SHA-256 of the secret key: how the recipient's link finds the row.</summary>
    public byte[] SecretKeyHash { get; private set; } = [];

    /// <summary>SHA-256 of the metadata key: how the creator's link finds the row.</summary>
    public byte[] MetadataKeyHash { get; private set; } = [];

    /// <summary>The secret key, encrypted under a key derived from the metadata key (for the creator only).</summary>
    public byte[] EncryptedSecretKey { get; private set; } = [];

    /// <summary>
    /// For secrets of an account only: the metadata key encrypted under a key derived from the server's master key
    /// and the account, so the account's list of recent secrets can link to them. Anonymous secrets have none.
    /// </summary>
    public byte[]? EncryptedMetadataKey { get; private set; }

    /// <summary>The encrypted value; <c>null</c> once it has been received, burned or purged.</summary>
    public byte[]? Ciphertext { get; private set; }

    /// <summary>bcrypt hash of the passphrase, when one was given; cleared with the value.</summary>
    public string? PassphraseHash { get; private set; }

    public bool PassphraseRequired { get; private set; }

    /// <summary>The creator's customer id, or <see cref="Customers.Customer.AnonymousCustId"/>.</summary>
    public string CustId { get; private set; } = Customers.Customer.AnonymousCustId;

    public Guid? CustomerId { get; private set; }

    /// <summary>The time to live that was asked for (after clamping), in seconds.</summary>
    public long TtlSeconds { get; private set; }

    /// <summary>Obfuscated recipient addresses, joined with <see cref="RecipientSeparator"/>.</summary>
    public string Recipients { get; private set; } = string.Empty;

    public string ShareDomain { get; private set; } = string.Empty;

    public SecretState State { get; private set; }

    public int FailedPassphraseAttempts { get; private set; }

    /// <summary>True when the secret was destroyed because too many wrong passphrases were tried.</summary>
    public bool DestroyedByFailedPassphrases { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset SecretExpiresAt { get; private set; }

    public DateTimeOffset MetadataExpiresAt { get; private set; }

    public DateTimeOffset? ReceivedAt { get; private set; }

    public DateTimeOffset? BurnedAt { get; private set; }

    public const char RecipientSeparator = ' ';

    public static Secret Create(
        byte[] secretKeyHash,
        byte[] metadataKeyHash,
        byte[] encryptedSecretKey,
        byte[]? encryptedMetadataKey,
        byte[] ciphertext,
        string? passphraseHash,
        string custId,
        Guid? customerId,
        long ttlSeconds,
        IReadOnlyCollection<string> obfuscatedRecipients,
        string shareDomain,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secretKeyHash);
        ArgumentNullException.ThrowIfNull(metadataKeyHash);
        ArgumentNullException.ThrowIfNull(encryptedSecretKey);
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(obfuscatedRecipients);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ttlSeconds);

        return new Secret
        {
            Id = Guid.CreateVersion7(now),
            SecretKeyHash = secretKeyHash,
            MetadataKeyHash = metadataKeyHash,
            EncryptedSecretKey = encryptedSecretKey,
            EncryptedMetadataKey = encryptedMetadataKey,
            Ciphertext = ciphertext,
            PassphraseHash = passphraseHash,
            PassphraseRequired = passphraseHash is not null,
            CustId = custId,
            CustomerId = customerId,
            TtlSeconds = ttlSeconds,
            Recipients = string.Join(RecipientSeparator, obfuscatedRecipients),
            ShareDomain = shareDomain,
            State = SecretState.New,
            CreatedAt = now,
            UpdatedAt = now,
            SecretExpiresAt = now.AddSeconds(ttlSeconds),
            MetadataExpiresAt = now.AddSeconds(ttlSeconds * MetadataLifetimeFactor),
        };
    }

    public IReadOnlyList<string> RecipientList =>
        Recipients.Length == 0 ? [] : Recipients.Split(RecipientSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether the value can still be revealed at <paramref name="now"/>.</summary>
    public bool IsRevealableAt(DateTimeOffset now) =>
        Ciphertext is not null && State is SecretState.New or SecretState.Viewed && now < SecretExpiresAt;

    /// <summary>Whether the metadata still exists for the creator at <paramref name="now"/>.</summary>
    public bool IsMetadataAliveAt(DateTimeOffset now) => now < MetadataExpiresAt;

    /// <summary>
    /// The state as seen at <paramref name="now"/>: an unread secret past its expiry is expired at once,
    /// even before the purge job erases it.
    /// </summary>
    public SecretState StateAt(DateTimeOffset now) =>
        State is SecretState.New or SecretState.Viewed && now >= SecretExpiresAt ? SecretState.Expired : State;

    public long SecretTtlAt(DateTimeOffset now) => RemainingSeconds(SecretExpiresAt, now);

    public long MetadataTtlAt(DateTimeOffset now) => RemainingSeconds(MetadataExpiresAt, now);

    private static long RemainingSeconds(DateTimeOffset until, DateTimeOffset now) =>
        Math.Max(0, (long)Math.Ceiling((until - now).TotalSeconds));
}
