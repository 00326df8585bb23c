using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Application.Notifications.Common;

/// <summary>
/// The emails an account gets about itself: the link that confirms its address, the sign-in notice, and the news that
/// one of its requests for a secret was answered.
/// </summary>
public static class AccountEmails
{
    public static EmailMessage Verification(string address, string siteName, string link)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteName);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        var subject = $"Confirm your email address for {siteName}";
        var text = new StringBuilder()
            .Append("Hello,\n\n")
            .Append(CultureInfo.InvariantCulture, $"Someone (hopefully you) made an account with this address on {siteName}. ")
            .Append("To confirm that the address is yours, open this link and press the button on the page:\n\n")
            .Append(CultureInfo.InvariantCulture, $"{link}\n\n")
            .Append("The link works once. Until the address is confirmed, the account cannot send secrets by email.\n")
            .Append("If you did not make this account, ignore this email: nothing will be sent in your name.\n\n")
            .Append(CultureInfo.InvariantCulture, $"-- {siteName}\n")
            .ToString();
        var html = HtmlEncoder.Default;
        var htmlBody = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(html.Encode(subject))
            .Append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n<p>Hello,</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>Someone (hopefully you) made an account with this address on {html.Encode(siteName)}. To confirm that the address is yours, open this link and press the button on the page:</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{html.Encode(link)}\">Confirm my address</a><br>{html.Encode(link)}</p>\n")
            .Append("<p>The link works once. Until the address is confirmed, the account cannot send secrets by email.</p>\n")
            .Append("<p>If you did not make this account, ignore this email: nothing will be sent in your name.</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>&mdash; {html.Encode(siteName)}</p>\n</body></html>\n")
            .ToString();
        return new EmailMessage(address, subject, text, htmlBody);
    }

    /// <summary>
    /// A request of the account was answered. The link is the requester's own page of the new secret (the metadata
    /// page, where it is revealed once); the email holds neither the value, nor the secret's key or link, nor the note.
    /// </summary>
    public static EmailMessage RequestAnswered(string address, string siteName, string privateLink)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteName);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateLink);
        var subject = $"Your request for a secret on {siteName} was answered";
        const string Body = "Someone answered one of your requests for a secret. The secret is waiting for you on its page, "
            + "where you can reveal it once (signed in or not: the link below is the key to it, so do not forward this email):";
        const string After = "Once revealed, the secret is gone from the server. If you did not ask for a secret, ignore this email.";
        var text = $"Hello,\n\n{Body}\n\n{privateLink}\n\n{After}\n\n-- {siteName}\n";
        var html = HtmlEncoder.Default;
        var htmlBody = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.Encode(subject)
            + "</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n<p>Hello,</p>\n<p>" + html.Encode(Body)
            + "</p>\n<p><a href=\"" + html.Encode(privateLink) + "\">Open the page of the secret</a><br>" + html.Encode(privateLink)
            + "</p>\n<p>" + html.Encode(After) + "</p>\n<p>&mdash; " + html.Encode(siteName) + "</p>\n</body></html>\n";
        return new EmailMessage(address, subject, text, htmlBody);
    }

    public static EmailMessage SignInNotice(string address, string siteName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteName);
        var when = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        var subject = $"Too many wrong passwords for your {siteName} account";
        var body = $"Around {when}, someone typed too many wrong passwords for your account on {siteName}, so signing in to it "
            + "is paused for a while (for everyone, from every address). If that was not you, someone may be guessing your "
            + "password: choose a long password that you use nowhere else. Your secrets were not opened; a wrong password opens nothing.";
        var text = $"Hello,\n\n{body}\n\n-- {siteName}\n";
        var html = HtmlEncoder.Default;
        var htmlBody = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html.Encode(subject)
            + "</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n<p>Hello,</p>\n<p>" + html.Encode(body)
            + "</p>\n<p>&mdash; " + html.Encode(siteName) + "</p>\n</body></html>\n";
        return new EmailMessage(address, subject, text, htmlBody);
    }
}
