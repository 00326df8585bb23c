namespace OneTimeSecret.Application.Common.Models;

/// <summary>
/// An email to one recipient, with a plain text and an HTML part. A class rather than a record so that no
/// generated <c>ToString</c> can ever put the address or the link into a log line.
/// </summary>
public sealed class EmailMessage(string to, string subject, string textBody, string htmlBody)
{
    public string To { get; } = to;

    public string Subject { get; } = subject;

    public string TextBody { get; } = textBody;

    public string HtmlBody { get; } = htmlBody;

    public override string ToString() => nameof(EmailMessage);
}
