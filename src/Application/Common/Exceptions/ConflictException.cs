namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>The request collides with existing data (for example an account that already exists).</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
