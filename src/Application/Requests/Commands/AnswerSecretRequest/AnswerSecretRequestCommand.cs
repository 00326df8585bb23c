using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Notifications.Common;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Requests.Commands.AnswerSecretRequest;

/// <summary>
/// Anyone with the request key sends the secret: it is stored as a secret of the requester, under the requester's
/// plan, and the request closes. Exactly one answer succeeds; every other one, and every later one, is answered like
/// an unknown request. The sender gets nothing back that leads to the secret. When the server can send email and the
/// requester's account name is an address it has confirmed (as for the sign-in notice), the answer also puts an email
/// into the outbox, in the same transaction, that links to the requester's own page of the secret (never to the
/// secret itself); a spent email quota skips it.
/// </summary>
/// <param name="PrivateUrlBase">The public base URL of that link (<c>App:BaseUrl</c>; the Application has no request).</param>
public sealed record AnswerSecretRequestCommand(string RequestKey, string? Secret, string? Passphrase, string PrivateUrlBase) : ICommand;

public sealed class AnswerSecretRequestCommandHandler(
    IApplicationDbContext db,
    SecretRequestReader reader,
    SecretCreator creator,
    ISecretRequestAnswers answers,
    ISecretCipher cipher,
    IEmailSender emailSender,
    EmailQuota emailQuota,
    TimeProvider clock) : ICommandHandler<AnswerSecretRequestCommand>
{
    /// <summary>The path of the requester's page of a secret (its metadata page); the metadata key follows it.</summary>
    public const string PrivatePath = "/private/";

    public async ValueTask<Unit> Handle(AnswerSecretRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var request = await reader.FindAsync(command.RequestKey, cancellationToken);
        if (request is null || !request.IsAnswerableAt(now))
        {
            throw new RequestNotFoundException();
        }

        var owner = await db.Customers
            .AsNoTracking()
            .Where(c => c.Id == request.CustomerId)
            .Select(c => new { c.CustId, c.PlanId, Verified = c.EmailVerifiedAt != null })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RequestNotFoundException();
        var requester = new Requester(owner.CustId, request.CustomerId, owner.PlanId);
        var prepared = creator.Prepare(requester, command.Secret!, command.Passphrase, request.SecretTtlSeconds, [], shareDomain: null, now);
        var email = owner.Verified
            ? await AnsweredEmailAsync(request.CustomerId, owner.CustId, command.PrivateUrlBase + PrivatePath + prepared.MetadataKey, now, cancellationToken)
            : null;
        if (!await answers.TryAnswerAsync(request.Id, prepared.Secret, email, now, cancellationToken))
        {
            throw new RequestNotFoundException();
        }

        SecretMetrics.SecretCreated(requester.PlanId, SecretCreationKind.Request);
        return Unit.Value;
    }

    /// <summary>The requester's email about the answer; <c>null</c> when none can or may go out.</summary>
    private async Task<EmailNotification?> AnsweredEmailAsync(Guid customerId, string address, string privateLink, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SecretInputRules.IsValidEmailAddress(address) || emailSender.UnavailableReason is not null)
        {
            return null;
        }

        var tag = cipher.RecipientTag(address);
        try
        {
            await emailQuota.EnsureAsync(customerId, [tag], 1, cancellationToken);
        }
        catch (EmailQuotaExceededException)
        {
            // The answer matters more than the email about it: the request page and the API show it answered.
            return null;
        }

        var id = Guid.CreateVersion7(now);
        var email = EmailNotification.CreateAccountEmail(
            id,
            EmailKind.RequestAnswered,
            customerId,
            RecipientAddress.Obfuscate(address),
            cipher.EncryptRecipientAddress(address, id),
            cipher.EncryptShareLink(privateLink, id),
            now);
        email.TagRecipient(tag);
        return email;
    }
}

public sealed class AnswerSecretRequestCommandValidator : AbstractValidator<AnswerSecretRequestCommand>
{
    public AnswerSecretRequestCommandValidator(IOptions<SecretOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(c => c.Secret).ValidSecretValue();
        RuleFor(c => c.Passphrase).ValidPassphrase(options.Value.MaxPassphraseLength);
        RuleFor(c => c.PrivateUrlBase).NotEmpty();
    }
}
