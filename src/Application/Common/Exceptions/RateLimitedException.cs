namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>The caller used up a budget (for example of passphrase attempts) and must wait.</summary>
public sealed class RateLimitedException : Exception
{
    public const string ReferenceMessage = "Rate limit exceeded. Please try again later.";

    public RateLimitedException()
        : base(ReferenceMessage)
    {
    }

    public RateLimitedException(TimeSpan retryAfter)
        : this()
    {
        RetryAfter = retryAfter;
    }

    public RateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(60);
}
