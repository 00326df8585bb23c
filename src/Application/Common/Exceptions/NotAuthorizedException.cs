namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>The request needs valid credentials and has none, or wrong ones.</summary>
public sealed class NotAuthorizedException : Exception
{
    public NotAuthorizedException()
        : base("Not authorized")
    {
    }

    public NotAuthorizedException(string message)
        : base(message)
    {
    }

    public NotAuthorizedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
