namespace OneTimeSecret.Domain.Notifications;

/// <summary>
/// An email telling a recipient that a secret waits for them: a row of the outbox, written in the same transaction as
/// the secret and delivered later by a background job. The address and the link are held only encrypted, and only
/// until the message is sent or given up; after that only the obfuscated address and the outcome remain.
/// </summary>
public sealed class EmailNotification
{
    private EmailNotification()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The secret this email announces; the row goes when the secret's metadata goes.</summary>
    public Guid SecretId { get; private set; }

    /// <summary>The address as the creator may see it, like <c>fr*****@e*****.org</c>.</summary>
    public string ObfuscatedAddress { get; private set; } = string.Empty;

    /// <summary>The recipient's address, encrypted; <c>null</c> once the email is sent or given up.</summary>
    public byte[]? EncryptedAddress { get; private set; }

    /// <summary>The link to the secret, encrypted; <c>null</c> once the email is sent or given up.</summary>
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
    public bool HoldsPayload => EncryptedAddress is not null || EncryptedShareLink is not null;

    /// <param name="id">The row's id, chosen first because the address and link are encrypted under it.</param>
    public static EmailNotification Create(
        Guid id,
        Guid secretId,
        string obfuscatedAddress,
        byte[] encryptedAddress,
        byte[] encryptedShareLink,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(obfuscatedAddress);
        ArgumentNullException.ThrowIfNull(encryptedAddress);
        ArgumentNullException.ThrowIfNull(encryptedShareLink);
        return new EmailNotification
        {
            Id = id,
            SecretId = secretId,
            ObfuscatedAddress = obfuscatedAddress,
            EncryptedAddress = encryptedAddress,
            EncryptedShareLink = encryptedShareLink,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

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
