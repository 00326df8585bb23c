using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Notifications.Common;

/// <summary>
/// The friendly email that tells a recipient a secret waits for them: who shared it, where, the link, when it
/// expires, and that it can be viewed once. It is composed from these facts alone: the value and the passphrase are
/// never at hand here, so they cannot end up in a message.
/// </summary>
public static class SecretLinkEmail
{
    public const string AnonymousSender = "someone";

    public static EmailMessage Compose(
        string recipient,
        string senderCustId,
        string siteName,
        string link,
        DateTimeOffset expiresAt,
        bool passphraseRequired,
        DateTimeOffset now,
        string? senderMessage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentNullException.ThrowIfNull(senderCustId);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteName);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);

        var sender = string.IsNullOrWhiteSpace(senderCustId) || senderCustId == Customer.AnonymousCustId
            ? AnonymousSender
            : senderCustId;
        var senderAtStart = sender == AnonymousSender ? "Someone" : sender;
        var expiry = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var remaining = Describe(expiresAt - now);
        var hasMessage = !string.IsNullOrWhiteSpace(senderMessage);
        const string passphraseNote = "You will also need a passphrase, which the sender should give you some other way.";

        var subject = $"{senderAtStart} shared a secret with you";

        var text = new StringBuilder()
            .Append("Hello,\n\n")
            .Append(CultureInfo.InvariantCulture, $"{senderAtStart} shared a secret with you on {siteName}.\n\n")
            .Append(hasMessage ? $"Their message to you:\n\n{Quote(senderMessage!)}\n\n" : string.Empty)
            .Append("Open this link to view it:\n\n")
            .Append(CultureInfo.InvariantCulture, $"{link}\n\n")
            .Append(CultureInfo.InvariantCulture, $"The secret can be viewed only once; then it is gone for good. The link expires on {expiry} (in {remaining}).\n")
            .Append(passphraseRequired ? passphraseNote + "\n" : string.Empty)
            .Append("\nThis email does not contain the secret itself. If you were not expecting it, you can ignore it.\n\n")
            .Append(CultureInfo.InvariantCulture, $"-- {siteName}\n")
            .ToString();

        var html = HtmlEncoder.Default;
        var htmlBody = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(subject))
            .Append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n")
            .Append("<p>Hello,</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(senderAtStart)} shared a secret with you on {html.Encode(siteName)}.</p>\n")
            .Append(hasMessage
                ? $"<p>Their message to you:</p>\n<blockquote style=\"white-space: pre-wrap;\">{html.Encode(senderMessage!)}</blockquote>\n"
                : string.Empty)
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{html.Encode(link)}\">Open the secret</a></p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>Or copy this link into your browser:<br>{html.Encode(link)}</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>The secret can be viewed only once; then it is gone for good. The link expires on {html.Encode(expiry)} (in {html.Encode(remaining)}).</p>\n")
            .Append(passphraseRequired ? $"<p>{html.Encode(passphraseNote)}</p>\n" : string.Empty)
            .Append("<p>This email does not contain the secret itself. If you were not expecting it, you can ignore it.</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>&mdash; {html.Encode(siteName)}</p>\n")
            .Append("</body></html>\n")
            .ToString();

        return new EmailMessage(recipient, subject, text, htmlBody);
    }

    /// <summary>The sender's message as plain text, each line quoted, so that it reads as theirs and not as the service's.</summary>
    private static string Quote(string message) =>
        string.Join('\n', message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => "> " + line));

    /// <summary>A duration in words, rounded down to its largest unit: "7 days", "1 hour", "less than a minute".</summary>
    public static string Describe(TimeSpan remaining)
    {
        static string Plural(long count, string unit) =>
            string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}");

        return remaining switch
        {
            { TotalDays: >= 1 } => Plural((long)remaining.TotalDays, "day"),
            { TotalHours: >= 1 } => Plural((long)remaining.TotalHours, "hour"),
            { TotalMinutes: >= 1 } => Plural((long)remaining.TotalMinutes, "minute"),
            _ => "less than a minute",
        };
    }
}
