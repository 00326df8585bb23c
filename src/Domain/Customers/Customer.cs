namespace OneTimeSecret.Domain.Customers;

/// <summary>An account: a person or a program that shares secrets under its own plan.</summary>
public sealed class Customer
{
    /// <summary>The custid of every request without credentials.</summary>
    public const string AnonymousCustId = "anon";

    public const int MaxCustIdLength = 254;

    private readonly List<ApiToken> _apiTokens = [];

    private Customer()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>An email address or a user name, stored lower case.</summary>
    public string CustId { get; private set; } = string.Empty;

    public string PlanId { get; private set; } = PlanIds.Basic;

    /// <summary>bcrypt hash of the sign-in password; accounts made on the command line may have none.</summary>
    public string? PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long SecretsCreated { get; private set; }

    public long SecretsBurned { get; private set; }

    public long EmailsSent { get; private set; }

    /// <summary>
    /// A random value every session cookie carries and is checked against on each request: changing it (sign-out,
    /// "sign out everywhere") ends every session of the account at once.
    /// </summary>
    public string SecurityStamp { get; private set; } = NewSecurityStamp();

    public const int SecurityStampLength = 32;

    public IReadOnlyCollection<ApiToken> ApiTokens => _apiTokens;

    /// <summary>
    /// When the account's address was confirmed (or the account was made by the operator, who vouches for it);
    /// <c>null</c> while an account made on the sign-up page has not followed its verification link. Only a
    /// verified account may make this server email anyone, and only a verified address is named as the sender.
    /// </summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    /// <summary>SHA-256 of the one pending verification token; <c>null</c> when none is pending. The token itself is only in the email.</summary>
    public byte[]? EmailVerificationTokenHash { get; private set; }

    /// <summary>When the pending verification token stops working.</summary>
    public DateTimeOffset? EmailVerificationExpiresAt { get; private set; }

    public bool IsEmailVerified => EmailVerifiedAt is not null;

    public static string NormalizeCustId(string custId)
    {
        ArgumentNullException.ThrowIfNull(custId);
        return custId.Trim().ToLowerInvariant();
    }

    /// <param name="emailVerified">
    /// True for accounts the operator makes (the command line): they vouch for the address. Accounts made on the
    /// sign-up page start unverified.
    /// </param>
    public static Customer Create(string custId, string planId, string? passwordHash, DateTimeOffset now, bool emailVerified = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(custId);
        ArgumentException.ThrowIfNullOrWhiteSpace(planId);
        var normalized = NormalizeCustId(custId);
        if (normalized == AnonymousCustId)
        {
            throw new ArgumentException($"'{AnonymousCustId}' is reserved for anonymous requests.", nameof(custId));
        }

        return new Customer
        {
            Id = Guid.CreateVersion7(now),
            CustId = normalized,
            PlanId = planId,
            PasswordHash = passwordHash,
            CreatedAt = now,
            UpdatedAt = now,
            EmailVerifiedAt = emailVerified ? now : null,
        };
    }

    /// <summary>Starts (or restarts) verification: only the newest token works, until <paramref name="expiresAt"/>.</summary>
    public void StartEmailVerification(byte[] tokenHash, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        EmailVerificationTokenHash = tokenHash;
        EmailVerificationExpiresAt = expiresAt;
        UpdatedAt = now;
    }

    /// <summary>Ends every session of the account: cookies that carry the old stamp are refused from now on.</summary>
    public void RenewSecurityStamp(DateTimeOffset now)
    {
        SecurityStamp = NewSecurityStamp();
        UpdatedAt = now;
    }

    private static string NewSecurityStamp() =>
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecurityStampLength / 2));

    public ApiToken AddApiToken(byte[] tokenHash, DateTimeOffset now)
    {
        var token = ApiToken.Create(Id, tokenHash, now);
        _apiTokens.Add(token);
        UpdatedAt = now;
        return token;
    }

    /// <summary>Revokes every active token; returns how many were revoked.</summary>
    public int RevokeAllApiTokens(DateTimeOffset now)
    {
        var revoked = 0;
        foreach (var token in _apiTokens.Where(t => t.IsActive))
        {
            token.Revoke(now);
            revoked++;
        }

        UpdatedAt = now;
        return revoked;
    }

    /// <summary>Revokes one active token of this account; false when it has no such active token.</summary>
    public bool RevokeApiToken(Guid tokenId, DateTimeOffset now)
    {
        var token = _apiTokens.SingleOrDefault(t => t.Id == tokenId && t.IsActive);
        if (token is null)
        {
            return false;
        }

        token.Revoke(now);
        UpdatedAt = now;
        return true;
    }

    public void ChangePlan(string planId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(planId);
        PlanId = planId;
        UpdatedAt = now;
    }
}
