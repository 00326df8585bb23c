using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Infrastructure.Mail;

/// <summary>
/// Sends through the configured SMTP server with MailKit, honouring its TLS mode, credentials, timeout and
/// cancellation. Failures become <see cref="EmailDeliveryException"/>s whose messages name the kind of failure only:
/// a server's reply often repeats the address, so it never reaches a log.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task<EmailDelivery> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mime = MimeMessages.Create(message, settings, clock.GetUtcNow());
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, SocketOptions(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return EmailDelivery.Sent;
        }
        catch (SmtpCommandException exception)
        {
            // 5xx for the recipient means this address will never work; anything else may pass later.
            var permanent = exception.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)exception.StatusCode >= 500;
            throw new EmailDeliveryException(
                $"The mail server refused the message ({(int)exception.StatusCode}, {exception.ErrorCode})",
                permanent);
        }
        catch (AuthenticationException)
        {
            throw new EmailDeliveryException("The mail server did not accept Smtp:Username and Smtp:Password", isPermanent: false);
        }
        catch (SslHandshakeException)
        {
            throw new EmailDeliveryException("The TLS handshake with the mail server failed", isPermanent: false);
        }
        catch (NotSupportedException)
        {
            throw new EmailDeliveryException("The mail server does not support what Smtp:Security or Smtp:Username need", isPermanent: false);
        }
        catch (SocketException exception)
        {
            throw new EmailDeliveryException($"Cannot reach the mail server ({exception.SocketErrorCode})", isPermanent: false);
        }
        catch (TimeoutException)
        {
            throw new EmailDeliveryException("The mail server did not answer in time", isPermanent: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException("The mail server did not answer in time", isPermanent: false);
        }
        catch (Exception exception) when (exception is ProtocolException or CommandException or IOException or ServiceNotConnectedException)
        {
            throw new EmailDeliveryException($"The conversation with the mail server failed ({exception.GetType().Name})", isPermanent: false);
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
