using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>Hands an email to a mail server (or, without one, to a folder of <c>.eml</c> files).</summary>
public interface IEmailSender
{
    /// <exception cref="Exceptions.EmailDeliveryException">
    /// The message was not accepted; <see cref="Exceptions.EmailDeliveryException.IsPermanent"/> says whether
    /// trying again can help.
    /// </exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
