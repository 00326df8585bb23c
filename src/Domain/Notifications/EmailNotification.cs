namespace OneTimeSecret.Domain.Notifications;

/// <summary>What an email of the outbox is about.</summary>
public enum EmailKind
{
    /// <summary>A secret waits for the recipient: the link to it (tied to the secret's row).</summary>
    SecretLink = 0,

    /// <summary>An account made on the sign-up page is asked to confirm its address (a one-time link).</summary>
    AddressVerification = 1,

    /// <summary>The account's sign-in failure budget tripped: someone is guessing its password.</summary>
    SignInNotice = 2,

    /// <summary>
    /// A request for a secret was answered: the link to the requester's own page of the new secret (its metadata
    /// page), never to the secret itself.
    /// </summary>
    RequestAnswered = 3,
}

/// <summary>
/// An email of the outbox, written in the same transaction as what it announces (usually a secret: a recipient is
/// told that it waits for them; or an account's own notice) and delivered later by a background job. The address and the link are held only encrypted, and only
/// until the message is sent or given up; after that only the obfuscated address and the outcome remain.
/// </summary>
public sealed class EmailNotification
{
    private EmailNotification()
    {
    }

    public Guid Id { get; private set; }

    public EmailKind Kind { get; private set; }

    /// <summary>
    /// The secret this email announces; <c>null</c> for an account's own emails, and once the secret's metadata was
    /// purged (the finished row stays a day longer, so that the email quotas still count it).
    /// </summary>
    public Guid? SecretId { get; private set; }

    /// <summary>The account that made the email go out (the creator of the secret, or the account notified); counts against its quota.</summary>
    public Guid? CustomerId { get; private set; }

    /// <summary>
    /// A keyed hash of the recipient's address (HMAC under a key derived from the master key), so that the emails
    /// one address received can be counted for its quota without storing the address.
    /// </summary>
    public byte[]? RecipientTag { get; private set; }

    /// <summary>The creator's short message to the recipient, encrypted like the address; <c>null</c> when none or once finished.</summary>
    public byte[]? EncryptedMessage { get; private set; }

    /// <summary>
    /// The name of the <c>.eml</c> file the pickup directory holds for this email (status <see cref="NotificationStatus.Written"/>),
    /// until it is deleted because the secret was received, burned or expired.
    /// </summary>
    public string? PickupFile { get; private set; }

    /// <summary>The address as the creator may see it, like <c>fr*****@e*****.org</c>.</summary>
    public string ObfuscatedAddress { get; private set; } = string.Empty;

    /// <summary>The recipient's address, encrypted; <c>null</c> once the email is sent or given up.</summary>
    public byte[]? EncryptedAddress { get; private set; }

    /// <summary>The link (to the secret, or to confirm the address), encrypted; <c>null</c> once the email is sent or given up.</summary>
    public byte[]? EncryptedShareLink { get; private set; }

    public NotificationStatus Status { get; private set; }

    /// <summary>How many delivery attempts have started.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the next attempt may start (also how long a started attempt holds the row).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Whether the row still holds the address or the link.</summary>
    public bool HoldsPayload => EncryptedAddress is not null || EncryptedShareLink is not null || EncryptedMessage is not null;

    /// <summary>The email that tells a recipient a secret waits for them.</summary>
    /// <param name="id">The row's id, chosen first because the address and link are encrypted under it.</param>
    public static EmailNotification Create(
        Guid id,
        Guid secretId,
        string obfuscatedAddress,
        byte[] encryptedAddress,
        byte[] encryptedShareLink,
        DateTimeOffset now,
        Guid? customerId = null,
        byte[]? recipientTag = null,
        byte[]? encryptedMessage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(obfuscatedAddress);
        ArgumentNullException.ThrowIfNull(encryptedAddress);
        ArgumentNullException.ThrowIfNull(encryptedShareLink);
        return new EmailNotification
        {
            Id = id,
            Kind = EmailKind.SecretLink,
            SecretId = secretId,
            CustomerId = customerId,
            RecipientTag = recipientTag,
            ObfuscatedAddress = obfuscatedAddress,
            EncryptedAddress = encryptedAddress,
            EncryptedShareLink = encryptedShareLink,
            EncryptedMessage = encryptedMessage,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>An email to an account's own address (verification link, sign-in notice), tied to no secret.</summary>
    public static EmailNotification CreateAccountEmail(
        Guid id,
        EmailKind kind,
        Guid customerId,
        string obfuscatedAddress,
        byte[] encryptedAddress,
        byte[]? encryptedLink,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(obfuscatedAddress);
        ArgumentNullException.ThrowIfNull(encryptedAddress);
        if (kind == EmailKind.SecretLink)
        {
            throw new ArgumentException("An email about a secret is made with Create.", nameof(kind));
        }

        return new EmailNotification
        {
            Id = id,
            Kind = kind,
            CustomerId = customerId,
            ObfuscatedAddress = obfuscatedAddress,
            EncryptedAddress = encryptedAddress,
            EncryptedShareLink = encryptedLink,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Lets the per-recipient quota count this email too.</summary>
    public void TagRecipient(byte[] recipientTag) => RecipientTag = recipientTag;

    /// <summary>
    /// The wait before attempt number <paramref name="attempt"/> + 1, after <paramref name="attempt"/> failed:
    /// the base delay doubled for each earlier failure, never more than <paramref name="maximum"/>.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt, TimeSpan baseDelay, TimeSpan maximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var seconds = baseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 62));
        return seconds >= maximum.TotalSeconds ? maximum : TimeSpan.FromSeconds(seconds);
    }
}
