namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>An email quota (<c>EmailQuotas:*</c>) is spent; nothing was stored. The message says which one.</summary>
public sealed class EmailQuotaExceededException : Exception
{
    public EmailQuotaExceededException()
        : base("Email limit reached. Please try again later.")
    {
    }

    public EmailQuotaExceededException(string message)
        : base(message)
    {
    }

    public EmailQuotaExceededException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    public EmailQuotaExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TimeSpan RetryAfter { get; } = TimeSpan.FromHours(1);
}
