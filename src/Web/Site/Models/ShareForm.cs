using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Web.Api.V1.Wire;
using OneTimeSecret.Web.Authentication;

namespace OneTimeSecret.Web.Site.Models;

/// <summary>The share form. Its fields are named like the API's parameters: secret, passphrase, ttl, recipient, share_domain, note.</summary>
public sealed class ShareForm
{
    public string? Secret { get; set; }

    public string? Passphrase { get; set; }

    /// <summary>Seconds, as text: anything that is not a number means the default ttl, as in the API.</summary>
    public string? Ttl { get; set; }

    public string? Recipient { get; set; }

    /// <summary>A short message emailed to the recipient with the link (plain text).</summary>
    public string? Message { get; set; }

    [BindProperty(Name = "share_domain")]
    public string? ShareDomain { get; set; }

    /// <summary>A private note for the creator's pages (never shown to the recipient).</summary>
    public string? Note { get; set; }

    /// <summary>
    /// Set when the form comes back after an error although a passphrase had been typed: the passphrase is never
    /// written back into the page, and the form is not sent on without one.
    /// </summary>
    [BindProperty(Name = "passphrase_given")]
    public bool PassphraseGiven { get; set; }

    /// <summary>The generated password's length, as text; empty means the default.</summary>
    [BindProperty(Name = GenerateRequest.LengthName)]
    public string? Length { get; set; }

    // The generator's character sets, named as the API's character_sets hash. Each checkbox is followed by a hidden
    // "false" of the same name, so an unchecked box says false and a checked one (its value comes first) true.
    [BindProperty(Name = $"{GenerateRequest.CharacterSetsName}[{CharacterSetsRequest.UppercaseName}]")]
    public bool Uppercase { get; set; } = PasswordCharacterSets.Default.Uppercase;

    [BindProperty(Name = $"{GenerateRequest.CharacterSetsName}[{CharacterSetsRequest.LowercaseName}]")]
    public bool Lowercase { get; set; } = PasswordCharacterSets.Default.Lowercase;

    [BindProperty(Name = $"{GenerateRequest.CharacterSetsName}[{CharacterSetsRequest.NumbersName}]")]
    public bool Numbers { get; set; } = PasswordCharacterSets.Default.Numbers;

    [BindProperty(Name = $"{GenerateRequest.CharacterSetsName}[{CharacterSetsRequest.SymbolsName}]")]
    public bool Symbols { get; set; } = PasswordCharacterSets.Default.Symbols;

    [BindProperty(Name = $"{GenerateRequest.CharacterSetsName}[{CharacterSetsRequest.ExcludeAmbiguousName}]")]
    public bool ExcludeAmbiguous { get; set; } = PasswordCharacterSets.Default.ExcludeAmbiguous;

    public PasswordCharacterSets CharacterSets => new(Uppercase, Lowercase, Numbers, Symbols, ExcludeAmbiguous);
}

/// <summary>
/// The share form's rules for the browser, turned into <c>data-val-*</c> attributes by FluentValidation's client
/// adapters. The server's truth is the Application's <c>ShareSecretCommandValidator</c> and plan checks; these
/// mirror the simple ones so the browser can say so before sending.
/// </summary>
public sealed class ShareFormValidator : AbstractValidator<ShareForm>
{
    public ShareFormValidator(IHttpContextAccessor httpContextAccessor, IOptions<PlanOptions> plans, IOptions<SecretOptions> secrets)
    {
        ArgumentNullException.ThrowIfNull(httpContextAccessor);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(secrets);
        var requester = httpContextAccessor.HttpContext?.User.ToRequester() ?? Application.Common.Models.Requester.Anonymous;
        var limit = plans.Value.For(requester.PlanId).MaxSecretLength;

        RuleFor(f => f.Secret)
            .NotEmpty().WithMessage(FormMessages.NothingToShare)
            .MaximumLength(limit).WithMessage($"Your plan allows secrets of at most {limit} characters");
        RuleFor(f => f.Passphrase)
            .MaximumLength(secrets.Value.MaxPassphraseLength)
            .WithMessage($"Passphrase must be no more than {secrets.Value.MaxPassphraseLength} characters long");
        RuleFor(f => f.Recipient)
            .EmailAddress().WithMessage(FormMessages.BadRecipient);
        RuleFor(f => f.Message)
            .MaximumLength(Application.Secrets.Common.SenderMessage.MaxLength)
            .WithMessage($"Message must be no more than {Application.Secrets.Common.SenderMessage.MaxLength} characters long");

        RuleFor(f => f.Note)
            .MaximumLength(Domain.Secrets.Secret.MaxNoteLength)
            .WithMessage($"Note must be no more than {Domain.Secrets.Secret.MaxNoteLength} characters long");
    }
}

public static class FormMessages
{
    public const string NothingToShare = "Type or paste the secret to share";

    public const string BadRecipient = "Recipient must be a valid email address";

    public const string TypePassphraseAgain =
        "Type the passphrase again: it is never sent back to your browser, and this secret will not be shared without it.";

    public const string LengthNotANumber = "Length must be a whole number of characters";

    public const string GenerateWithText =
        "Generate a password makes a new password as the secret and would discard what you typed. Empty this box to generate one, or choose Create a secret link to share your text.";
}
