using System.Linq.Expressions;

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

    /// <summary>
    /// The secret key, encrypted under a key derived from the metadata key (for the creator only). Empty once the secret
    /// is received: the metadata no longer shows the key, and nothing may lead to the erased value.
    /// </summary>
    public byte[] EncryptedSecretKey { get; private set; } = [];

    /// <summary>
    /// For secrets of an account only: the metadata key encrypted under a key derived from the server's master key
    /// and the account, so the account's list of recent secrets can link to them. Anonymous secrets have none.
    /// </summary>
    public byte[]? EncryptedMetadataKey { get; private set; }

    /// <summary>The encrypted value; <c>null</c> once it has been received, burned or purged.</summary>
    public byte[]? Ciphertext { get; private set; }

    /// <summary>
    /// The creator's private note (a label such as "db password for Anna"), encrypted like the secret key under a key
    /// derived from the metadata key, so only the creator can read it; <c>null</c> without one. Unlike the value it
    /// stays after the secret is received, burned or expired (it tells the creator's entries apart) and goes with
    /// the metadata when that is purged. The recipient never sees it.
    /// </summary>
    public byte[]? EncryptedNote { get; private set; }

    /// <summary>The longest private note, in characters.</summary>
    public const int MaxNoteLength = 100;

    /// <summary>bcrypt hash of the passphrase, when one was given; cleared with the value.</summary>
    public string? PassphraseHash { get; private set; }

    public bool PassphraseRequired { get; private set; }

    /// <summary>
    /// The creator's account, or null for an anonymous secret. Only the id: the account's address (its custid)
    /// is read from the account when shown, never copied into secret rows.
    /// </summary>
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
        Guid? customerId,
        long ttlSeconds,
        IReadOnlyCollection<string> obfuscatedRecipients,
        string shareDomain,
        DateTimeOffset now,
        byte[]? encryptedNote = null)
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
            EncryptedNote = encryptedNote,
            PassphraseHash = passphraseHash,
            PassphraseRequired = passphraseHash is not null,
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

    /// <summary>
    /// "Revealable at a time", for queries: the value is still stored, nobody has received or burned it, and it has not
    /// expired. Every query, claim and update that must only touch a revealable secret filters with this expression;
    /// <see cref="IsRevealableAt"/> is its in-memory twin and the SQL of the single-statement claim its third form
    /// (SecretRulesTests pins all three to the same answers).
    /// </summary>
    public static Expression<Func<Secret, bool>> RevealableAt(DateTimeOffset now) =>
        s => s.Ciphertext != null && (s.State == SecretState.New || s.State == SecretState.Viewed) && s.SecretExpiresAt > now;

    /// <summary>"Due for expiry at a time", for queries: unread, past its expiry, not yet erased by the purge.</summary>
    public static Expression<Func<Secret, bool>> DueForExpiryAt(DateTimeOffset now) =>
        s => (s.State == SecretState.New || s.State == SecretState.Viewed) && s.SecretExpiresAt <= now;

    /// <summary>Whether the value can still be revealed at <paramref name="now"/>: the twin of <see cref="RevealableAt"/>.</summary>
    public bool IsRevealableAt(DateTimeOffset now) =>
        Ciphertext is not null && State is SecretState.New or SecretState.Viewed && now < SecretExpiresAt;

    /// <summary>Whether the purge should expire this secret at <paramref name="now"/>: the twin of <see cref="DueForExpiryAt"/>.</summary>
    public bool IsDueForExpiryAt(DateTimeOffset now) => State is SecretState.New or SecretState.Viewed && now >= SecretExpiresAt;

    /// <summary>
    /// "Erase into a state at a time", for a tracked entity: the value and everything needed to read it go, the state
    /// records why. Only what the metadata answer still shows stays: a burned or expired secret's metadata shows its
    /// key, a received secret's does not, so only the latter loses its encrypted secret key. The set-based twin is <c>SecretErasure.EraseIntoAsync</c> in the application layer; a test pins both
    /// to the same row.
    /// </summary>
    /// <param name="state"><see cref="SecretState.Received"/>, <see cref="SecretState.Burned"/> or <see cref="SecretState.Expired"/>.</param>
    /// <param name="byFailedPassphrases">For a burn: the secret was destroyed because too many wrong passphrases were tried.</param>
    public void EraseInto(SecretState state, DateTimeOffset now, bool byFailedPassphrases = false)
    {
        EnsureErasureState(state, byFailedPassphrases);
        Ciphertext = null;
        PassphraseHash = null;
        State = state;
        UpdatedAt = state == SecretState.Expired ? SecretExpiresAt : now;
        if (state == SecretState.Received)
        {
            ReceivedAt = now;
            EncryptedSecretKey = [];
        }

        if (state == SecretState.Burned)
        {
            BurnedAt = now;
            DestroyedByFailedPassphrases = byFailedPassphrases;
        }
    }

    /// <summary>The states a value can be erased into; anything else is a programming error.</summary>
    public static void EnsureErasureState(SecretState state, bool byFailedPassphrases = false)
    {
        if (state is not (SecretState.Received or SecretState.Burned or SecretState.Expired))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A value is erased into received, burned or expired.");
        }

        if (byFailedPassphrases && state != SecretState.Burned)
        {
            throw new ArgumentException("Only a burn is caused by failed passphrases.", nameof(byFailedPassphrases));
        }
    }

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
