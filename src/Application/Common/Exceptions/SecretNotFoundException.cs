namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>
/// The key names no secret that can be shown: unknown, malformed, received, burned or expired. All of these look
/// the same to the caller so that keys cannot be probed.
/// </summary>
public sealed class SecretNotFoundException : Exception
{
    public SecretNotFoundException()
        : base("Unknown secret")
    {
    }

    public SecretNotFoundException(string? secretKey)
        : this()
    {
        SecretKey = secretKey;
    }

    public SecretNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The secret key exactly as the caller sent it, when the caller sent a secret key.</summary>
    public string? SecretKey { get; }
}
