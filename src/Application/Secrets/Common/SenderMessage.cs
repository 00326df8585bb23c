namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>The creator's optional short message to the recipients: plain text in their email, never HTML, never logged.</summary>
public static class SenderMessage
{
    public const int MaxLength = 500;
}
