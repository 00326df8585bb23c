namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>
/// The key names no request this caller may see or answer: unknown, malformed, answered, cancelled, expired, or
/// another account's. All of these look the same so that request keys cannot be probed.
/// </summary>
public sealed class RequestNotFoundException : Exception
{
    public const string ReferenceMessage = "Unknown request";

    public RequestNotFoundException()
        : base(ReferenceMessage)
    {
    }

    public RequestNotFoundException(string message)
        : base(message)
    {
    }

    public RequestNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
