using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Notifications.Common;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Customers;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Customers.Commands.SendVerificationEmail;

/// <summary>
/// Sends the link that confirms the account's address again (the account page's "send it again"); sign-up sends
/// the first one. Refused with a clear message when no email can be sent or a quota is spent.
/// </summary>
/// <param name="VerifyUrlBase">The public base URL of the link (<c>App:BaseUrl</c>; the Application has no request).</param>
public sealed record SendVerificationEmailCommand(Guid CustomerId, string VerifyUrlBase) : ICommand<VerificationEmailOutcome>;

public enum VerificationEmailOutcome
{
    Queued,
    AlreadyVerified,

    /// <summary>The account's name is not an email address: there is nothing to confirm, and it cannot send emails.</summary>
    NotAnAddress,

    /// <summary>No email can be sent from this server (no mail server in Production).</summary>
    Unavailable,
}

public sealed class SendVerificationEmailCommandHandler(IApplicationDbContext db, VerificationEmails emails)
    : ICommandHandler<SendVerificationEmailCommand, VerificationEmailOutcome>
{
    public async ValueTask<VerificationEmailOutcome> Handle(SendVerificationEmailCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == command.CustomerId, cancellationToken)
            ?? throw new NotAuthorizedException();
        var outcome = await emails.QueueAsync(customer, command.VerifyUrlBase, cancellationToken);
        if (outcome == VerificationEmailOutcome.Unavailable)
        {
            throw new ForbiddenException(SecretCreator.NoMailServer);
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}

/// <summary>
/// Queues the email with the link that confirms an account's address, through the outbox like every email: a new
/// one-time token replaces any earlier one, is stored only as its SHA-256 hash and works for
/// <c>Accounts:EmailVerificationHours</c>. The caller saves the changes.
/// </summary>
public sealed class VerificationEmails(
    IApplicationDbContext db,
    ISecretCipher cipher,
    IKeyGenerator keyGenerator,
    IKeyHasher keyHasher,
    IEmailSender emailSender,
    EmailQuota emailQuota,
    TimeProvider clock,
    IOptions<AccountOptions> options)
{
    /// <summary>The path of the page that confirms an address; the token follows it.</summary>
    public const string VerifyPath = "/verify/";

    /// <exception cref="EmailQuotaExceededException">The account or the address has had enough emails for now.</exception>
    public async Task<VerificationEmailOutcome> QueueAsync(Customer customer, string verifyUrlBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentException.ThrowIfNullOrWhiteSpace(verifyUrlBase);
        if (customer.IsEmailVerified)
        {
            return VerificationEmailOutcome.AlreadyVerified;
        }

        if (!SecretInputRules.IsValidEmailAddress(customer.CustId))
        {
            return VerificationEmailOutcome.NotAnAddress;
        }

        if (emailSender.UnavailableReason is not null)
        {
            return VerificationEmailOutcome.Unavailable;
        }

        // Resending counts like any email: sign-up cannot be used to flood someone else's inbox either.
        var tag = cipher.RecipientTag(customer.CustId);
        await emailQuota.EnsureAsync(customer.Id, [tag], 1, cancellationToken);

        var now = clock.GetUtcNow();
        var token = keyGenerator.NewKey();
        customer.StartEmailVerification(keyHasher.Hash(token), now.AddHours(options.Value.EmailVerificationHours), now);
        var notificationId = Guid.CreateVersion7(now);
        var email = EmailNotification.CreateAccountEmail(
            notificationId,
            EmailKind.AddressVerification,
            customer.Id,
            RecipientAddress.Obfuscate(customer.CustId),
            cipher.EncryptRecipientAddress(customer.CustId, notificationId),
            cipher.EncryptShareLink(verifyUrlBase.TrimEnd('/') + VerifyPath + token, notificationId),
            now);
        email.TagRecipient(tag);
        db.EmailNotifications.Add(email);
        return VerificationEmailOutcome.Queued;
    }
}
