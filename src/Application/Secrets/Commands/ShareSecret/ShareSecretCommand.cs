using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Secrets.Commands.ShareSecret;

/// <summary>Store <paramref name="Secret"/> so that it can be revealed exactly once.</summary>
/// <param name="TtlSeconds">The wanted time to live; <c>null</c> for the default.</param>
/// <param name="ShareUrlBase">
/// The public base URL of the link emailed to recipients (the Application has no request to take it from); needed
/// when there are recipients.
/// </param>
/// <param name="Message">An optional short message from the creator to the recipients, emailed as plain text.</param>
public sealed record ShareSecretCommand(
    Requester Requester,
    string? Secret,
    string? Passphrase,
    long? TtlSeconds,
    IReadOnlyList<string> Recipients,
    string? ShareDomain,
    string? ShareUrlBase = null,
    string? Message = null,
    string? Note = null) : ICreatorCommand, ICommand<CreatedSecret>;

public sealed class ShareSecretCommandHandler(SecretCreator creator) : ICommandHandler<ShareSecretCommand, CreatedSecret>
{
    public async ValueTask<CreatedSecret> Handle(ShareSecretCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var created = await creator.CreateAsync(
            command.Requester,
            command.Secret!,
            command.Passphrase,
            command.TtlSeconds,
            command.Recipients,
            command.ShareDomain,
            command.ShareUrlBase,
            command.Message,
            command.Note,
            cancellationToken);
        SecretMetrics.SecretCreated(command.Requester.PlanId, SecretCreationKind.Share);
        return created;
    }
}

public sealed class ShareSecretCommandValidator : AbstractValidator<ShareSecretCommand>
{
    public ShareSecretCommandValidator(IOptions<SecretOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(c => c.Secret).ValidSecretValue();
        RuleFor(c => c.Passphrase).ValidPassphrase(options.Value.MaxPassphraseLength);
        RuleFor(c => c.Recipients).ValidRecipients();
        RuleFor(c => c.Message).ValidSenderMessage(c => c.Recipients);
        RuleFor(c => c.Note).ValidNote();
        RuleFor(c => c.ShareDomain).ValidShareDomain(options.Value.ShareDomains);
    }
}
