namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>
/// The secret was destroyed because too many wrong passphrases were tried. Only the recipient's page tells this
/// apart from <see cref="SecretNotFoundException"/>, to whoever holds the secret key; it can no longer be revealed.
/// </summary>
public sealed class SecretDestroyedException : Exception
{
    public SecretDestroyedException()
        : base("Secret destroyed after too many wrong passphrases")
    {
    }

    public SecretDestroyedException(string? secretKey)
        : this()
    {
        SecretKey = secretKey;
    }

    public SecretDestroyedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? SecretKey { get; }
}
