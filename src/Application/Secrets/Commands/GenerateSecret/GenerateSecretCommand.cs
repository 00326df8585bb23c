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
/// <param name="Length">The password's length; the configured default (<c>Secrets:GeneratedPasswordLength</c>) when not given.</param>
/// <param name="CharacterSets">The password's characters; <see cref="PasswordCharacterSets.Default"/> when not given.</param>
public sealed record GenerateSecretCommand(
    Requester Requester,
    string? Passphrase,
    long? TtlSeconds,
    IReadOnlyList<string> Recipients,
    string? ShareDomain,
    string? ShareUrlBase = null,
    string? Message = null,
    string? Note = null,
    int? Length = null,
    PasswordCharacterSets? CharacterSets = null) : ICreatorCommand, ICommand<GeneratedSecret>;

/// <summary>A generated secret: its metadata and, this once, the generated value.</summary>
public sealed record GeneratedSecret(CreatedSecret Created, string Value);

public sealed class GenerateSecretCommandHandler(SecretCreator creator, IKeyGenerator keyGenerator, IOptions<SecretOptions> options)
    : ICommandHandler<GenerateSecretCommand, GeneratedSecret>
{
    public async ValueTask<GeneratedSecret> Handle(GenerateSecretCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var value = keyGenerator.NewPassword(new PasswordRecipe(
            command.Length ?? options.Value.GeneratedPasswordLength, command.CharacterSets ?? PasswordCharacterSets.Default));
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
        RuleFor(c => c.Length)
            .LessThanOrEqualTo(PasswordRecipe.MaxLength)
            .WithMessage($"Generated password length must be no more than {PasswordRecipe.MaxLength} characters")
            .GreaterThanOrEqualTo(PasswordRecipe.MinLength)
            .WithMessage($"Generated password length must be at least {PasswordRecipe.MinLength} characters");
        RuleFor(c => c.CharacterSets)
            .Must(sets => sets is null || sets.AnyChosen)
            .WithMessage("Choose at least one character set: uppercase, lowercase, numbers or symbols");
    }
}
