namespace OneTimeSecret.Application.Common.Exceptions;

/// <summary>The metadata key names no live metadata. Answered exactly like an unknown secret.</summary>
public sealed class MetadataNotFoundException : Exception
{
    public MetadataNotFoundException()
        : base("Unknown secret")
    {
    }

    public MetadataNotFoundException(string message)
        : base(message)
    {
    }

    public MetadataNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
