using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Infrastructure.Mail;

/// <summary>
/// The zero-setup "mail server": each email becomes an <c>.eml</c> file in <see cref="SmtpOptions.PickupDirectory"/>,
/// readable only by the service's user (the file holds a live link to a secret). A log line names the folder, never
/// the address. Such an email is reported as <c>written</c>, not sent, and the purge deletes its file once the
/// secret is received, burned or expired. Off in Production unless <c>Smtp:UsePickupDirectory</c> is set.
/// </summary>
internal sealed class PickupDirectoryEmailSender(
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public const string Unavailable = "No mail server is configured (Smtp:Host) and Smtp:UsePickupDirectory is off";

    public string? UnavailableReason => options.Value.UsePickupDirectory == false ? Unavailable : null;

    public async Task<EmailDelivery> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (UnavailableReason is { } reason)
        {
            throw new EmailDeliveryException(reason, isPermanent: true);
        }

        var now = clock.GetUtcNow();
        using var mime = MimeMessages.Create(message, options.Value, now);
        var folder = Path.GetFullPath(options.Value.PickupDirectory);
        var name = $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(folder, name);
        var partial = path + ".partial";
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            // Written under another name first, so that whoever watches the folder never reads half a message.
            await using (var stream = new FileStream(partial, fileOptions))
            {
                await mime.WriteToAsync(stream, cancellationToken);
            }

            File.Move(partial, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new EmailDeliveryException($"Cannot write the email into {folder} ({exception.GetType().Name})", isPermanent: false);
        }

        logger.LogInformation("No SMTP server configured (Smtp:Host): wrote an email into {MailFolder}", folder);
        return new EmailDelivery(name);
    }

    public void DeletePickupFile(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);

        // Only a plain name the sender made itself, never a path from elsewhere.
        if (!string.Equals(Path.GetFileName(fileName), fileName, StringComparison.Ordinal) || !fileName.EndsWith(".eml", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            File.Delete(Path.Combine(Path.GetFullPath(options.Value.PickupDirectory), fileName));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Cannot delete an email file from the pickup directory ({ErrorType})", exception.GetType().Name);
        }
    }
}
