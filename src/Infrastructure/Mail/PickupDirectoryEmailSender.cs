using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;

namespace OneTimeSecret.Infrastructure.Mail;

/// <summary>
/// The zero-setup "mail server": each email becomes an <c>.eml</c> file in <see cref="SmtpOptions.PickupDirectory"/>,
/// readable only by the service's user (the file holds a live link to a secret). A log line names the folder, never
/// the address.
/// </summary>
internal sealed class PickupDirectoryEmailSender(
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
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
    }
}
