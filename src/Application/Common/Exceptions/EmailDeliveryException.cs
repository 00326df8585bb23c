namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>
/// A mail server did not take a message. The message of this exception is written for logs: it never holds an
/// address, a link or the server's own reply (which often repeats the address).
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
        : base("The email could not be delivered")
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailDeliveryException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
    }

    /// <summary>The server refused the message for good (for example an unknown mailbox); retrying cannot help.</summary>
    public bool IsPermanent { get; }
}
