namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>The secret is longer than the caller's plan allows.</summary>
public sealed class SecretTooLargeException : Exception
{
    public SecretTooLargeException()
    {
    }

    public SecretTooLargeException(int maximumSize)
        : base($"Secret value exceeds the maximum size of {maximumSize} bytes")
    {
        MaximumSize = maximumSize;
    }

    public SecretTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int MaximumSize { get; }
}
