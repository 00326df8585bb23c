using MimeKit;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Infrastructure.Mail;

/// <summary>Turns an <see cref="EmailMessage"/> into a MIME message with a plain text and an HTML part.</summary>
internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage email, SmtpOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(string.IsNullOrWhiteSpace(options.From) ? SmtpOptions.DevelopmentFrom : options.From));
        try
        {
            message.To.Add(new MailboxAddress(string.Empty, email.To));
        }
        catch (ParseException)
        {
            throw new EmailDeliveryException("The recipient address cannot be used in an email", isPermanent: true);
        }

        message.Subject = email.Subject;
        message.Date = now;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody }.ToMessageBody();
        return message;
    }
}
