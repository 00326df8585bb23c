namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>The caller is known but the plan does not allow what was asked.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException()
        : base("Not allowed")
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
