using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Application.Common.Interfaces;

/// <summary>Hands an email to a mail server (or, without one, to a folder of <c>.eml</c> files).</summary>
public interface IEmailSender
{
    /// <summary>
    /// Why no email can go anywhere (in Production without <c>Smtp:Host</c> and without an explicit
    /// <c>Smtp:UsePickupDirectory</c>), fit to be shown to the person who asked for one; <c>null</c> when emails can go.
    /// </summary>
    string? UnavailableReason => null;

    /// <exception cref="Exceptions.EmailDeliveryException">
    /// The message was not accepted; <see cref="Exceptions.EmailDeliveryException.IsPermanent"/> says whether
    /// trying again can help.
    /// </exception>
    /// <returns>Where the message went: a mail server, or a file of the pickup directory.</returns>
    Task<EmailDelivery> SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Deletes a file an earlier <see cref="SendAsync"/> wrote into the pickup directory (nothing if it is gone).</summary>
    void DeletePickupFile(string fileName)
    {
    }
}

/// <summary>What became of a message: accepted by a mail server, or only written into the pickup directory.</summary>
/// <param name="PickupFile">The file's name in the pickup directory; <c>null</c> when a mail server accepted it.</param>
public sealed record EmailDelivery(string? PickupFile)
{
    public static EmailDelivery Sent { get; } = new((string?)null);

    public bool WasWritten => PickupFile is not null;
}
