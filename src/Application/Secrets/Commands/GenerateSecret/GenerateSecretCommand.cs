using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Application.Secrets.Commands.GenerateSecret;

/// <summary>Generate a random password and store it as a one-time secret.</summary>
/// <param name="ShareUrlBase">The public base URL of the link emailed to recipients; needed when there are any.</param>
/// <param name="Message">An optional short message from the creator to the recipients, emailed as plain text.</param>
public sealed record GenerateSecretCommand(
    Requester Requester,
    string? Passphrase,
    long? TtlSeconds,
    IReadOnlyList<string> Recipients,
    string? ShareDomain,
    string? ShareUrlBase = null,
    string? Message = null,
    string? Note = null) : ICommand<GeneratedSecret>;

/// <summary>A generated secret: its metadata and, this once, the generated value.</summary>
public sealed record GeneratedSecret(CreatedSecret Created, string Value);

public sealed class GenerateSecretCommandHandler(SecretCreator creator, IKeyGenerator keyGenerator, IOptions<SecretOptions> options)
    : ICommandHandler<GenerateSecretCommand, GeneratedSecret>
{
    public async ValueTask<GeneratedSecret> Handle(GenerateSecretCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var value = keyGenerator.NewPassword(options.Value.GeneratedPasswordLength);
        var created = await creator.CreateAsync(
            command.Requester,
            value,
            command.Passphrase,
            command.TtlSeconds,
            command.Recipients,
            command.ShareDomain,
            command.ShareUrlBase,
            command.Message,
            command.Note,
            cancellationToken);
        SecretMetrics.SecretCreated(command.Requester.PlanId, SecretCreationKind.Generate);
        return new GeneratedSecret(created, value);
    }
}

public sealed class GenerateSecretCommandValidator : AbstractValidator<GenerateSecretCommand>
{
    public GenerateSecretCommandValidator(IOptions<SecretOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(c => c.Passphrase).ValidPassphrase(options.Value.MaxPassphraseLength);
        RuleFor(c => c.Recipients).ValidRecipients();
        RuleFor(c => c.Message).ValidSenderMessage(c => c.Recipients);
        RuleFor(c => c.Note).ValidNote();
        RuleFor(c => c.ShareDomain).ValidShareDomain(options.Value.ShareDomains);
    }
}
