using Mediator;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Notifications.Common;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Customers.Commands.NotifySignInFailures;

/// <summary>
/// The account's sign-in failure budget (<c>RateLimits:SignInFailuresPerAccount</c>) has just tripped: queue a notice
/// to its address, through the outbox like every email. Only a verified account whose name is an address gets one
/// (an unverified address may be someone else's); an unknown name gets nothing, and the caller learns nothing either
/// way. A spent email quota skips the notice.
/// </summary>
public sealed record NotifySignInFailuresCommand(string CustId) : ICommand<bool>;

public sealed class NotifySignInFailuresCommandHandler(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IEmailSender emailSender,
    EmailQuota emailQuota,
    TimeProvider clock) : ICommandHandler<NotifySignInFailuresCommand, bool>
{
    public async ValueTask<bool> Handle(NotifySignInFailuresCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var custId = Customer.NormalizeCustId(command.CustId);
        var customer = await db.Customers
            .AsNoTracking()
            .Where(c => c.CustId == custId && c.EmailVerifiedAt != null)
            .Select(c => new { c.Id, c.CustId })
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null || !SecretInputRules.IsValidEmailAddress(customer.CustId) || emailSender.UnavailableReason is not null)
        {
            return false;
        }

        var tag = cipher.RecipientTag(customer.CustId);
        try
        {
            await emailQuota.EnsureAsync(customer.Id, [tag], 1, cancellationToken);
        }
        catch (EmailQuotaExceededException)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var notice = EmailNotification.CreateAccountEmail(
            id,
            EmailKind.SignInNotice,
            customer.Id,
            RecipientAddress.Obfuscate(customer.CustId),
            cipher.EncryptRecipientAddress(customer.CustId, id),
            encryptedLink: null,
            now);
        notice.TagRecipient(tag);
        db.EmailNotifications.Add(notice);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
