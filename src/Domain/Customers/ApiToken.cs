namespace OneTimeSecret.Domain.Customers;

/// <summary>An API token of a customer, kept only as a SHA-256 hash; the clear token is shown once.</summary>
public sealed class ApiToken
{
    private ApiToken()
    {
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    public byte[] TokenHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    internal static ApiToken Create(Guid customerId, byte[] tokenHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            TokenHash = tokenHash,
            CreatedAt = now,
        };
    }

    public void Revoke(DateTimeOffset now)
    {
        RevokedAt ??= now;
    }
}
