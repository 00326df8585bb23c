using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using OneTimeSecret.Application.Secrets.Common;

namespace OneTimeSecret.Web.Api.V1.Wire;

// The parameters of API v1 calls. Each name is spelled once, as a constant: the binder reads it, and the
// [JsonPropertyName] that the OpenAPI document shows is the same constant.

/// <summary>The parameters of <c>share</c> and <c>create</c>.</summary>
[ModelBinder(typeof(ApiRequestBinder<ShareRequest>))]
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record ShareRequest : IApiRequest<ShareRequest>
{
    public const string SecretName = "secret";
    public const string PassphraseName = "passphrase";
    public const string TtlName = "ttl";
    public const string RecipientName = "recipient";
    public const string ShareDomainName = "share_domain";
    public const string MessageName = "message";
    public const string NoteName = "note";

    [Required]
    [JsonPropertyName(SecretName)]
    [Description("The secret value.")]
    public string? Secret { get; init; }

    [JsonPropertyName(PassphraseName)]
    [Description("Needed to reveal the secret; it also encrypts the value.")]
    public string? Passphrase { get; init; }

    [JsonPropertyName(TtlName)]
    [Description("Seconds the secret lives (default 7 days; raised to the minimum and clamped to the plan's maximum).")]
    public long? Ttl { get; init; }

    [JsonPropertyName(RecipientName)]
    [Description("Email addresses to send the link to (accounts only, within the plan's limit): repeat the parameter, "
        + "use recipient[] (Rack style) or send a JSON array for several.")]
    public IReadOnlyList<string> Recipients { get; init; } = [];

    [JsonPropertyName(ShareDomainName)]
    [Description("One of the domains configured in Secrets:ShareDomains, for the secret's link.")]
    public string? ShareDomain { get; init; }

    [JsonPropertyName(MessageName)]
    [Description("A short message to the recipients (at most 500 characters, plain text), emailed with the link; needs a recipient. An addition of this server.")]
    public string? Message { get; init; }

    [JsonPropertyName(ShareRequest.NoteName)]
    [Description("An addition of this service: a private note for the creator (at most 100 characters, one line), "
        + "stored encrypted and shown only in the metadata answers; never to the recipient.")]
    public string? Note { get; init; }

    public static ShareRequest From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new ShareRequest
        {
            Secret = parameters.Scalar(SecretName),
            Passphrase = parameters.Scalar(PassphraseName),
            Ttl = parameters.Seconds(TtlName),
            Recipients = parameters.List(RecipientName),
            ShareDomain = parameters.Scalar(ShareDomainName),
            Message = parameters.Scalar(MessageName),
            Note = parameters.Scalar(NoteName),
        };
    }
}

/// <summary>The parameters of <c>generate</c>: those of share without the secret.</summary>
[ModelBinder(typeof(ApiRequestBinder<GenerateRequest>))]
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record GenerateRequest : IApiRequest<GenerateRequest>
{
    [JsonPropertyName(ShareRequest.PassphraseName)]
    [Description("Needed to reveal the secret; it also encrypts the value.")]
    public string? Passphrase { get; init; }

    [JsonPropertyName(ShareRequest.TtlName)]
    [Description("Seconds the secret lives (default 7 days; raised to the minimum and clamped to the plan's maximum).")]
    public long? Ttl { get; init; }

    [JsonPropertyName(ShareRequest.RecipientName)]
    [Description("Email addresses to send the link to (accounts only, within the plan's limit).")]
    public IReadOnlyList<string> Recipients { get; init; } = [];

    [JsonPropertyName(ShareRequest.ShareDomainName)]
    [Description("One of the domains configured in Secrets:ShareDomains, for the secret's link.")]
    public string? ShareDomain { get; init; }

    [JsonPropertyName(ShareRequest.MessageName)]
    [Description("A short message to the recipients (at most 500 characters, plain text), emailed with the link; needs a recipient.")]
    public string? Message { get; init; }

    [JsonPropertyName(ShareRequest.NoteName)]
    [Description("An addition of this service: a private note for the creator (at most 100 characters, one line), "
        + "stored encrypted and shown only in the metadata answers; never to the recipient.")]
    public string? Note { get; init; }

    [JsonPropertyName(LengthName)]
    [Description("The password's length, 4 to 128 (default 12).")]
    public int? Length { get; init; }

    [JsonPropertyName(CharacterSetsName)]
    [Description("The password's characters, as on the live service: in a form Rack-style (character_sets[symbols]=true), in JSON an object. "
        + "Unnamed sets keep their defaults; each chosen set appears at least once.")]
    public CharacterSetsRequest? CharacterSets { get; init; }

    public const string LengthName = "length";
    public const string CharacterSetsName = "character_sets";

    public static GenerateRequest From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new GenerateRequest
        {
            Length = parameters.WholeNumber(LengthName),
            CharacterSets = CharacterSetsRequest.From(parameters),
            Passphrase = parameters.Scalar(ShareRequest.PassphraseName),
            Ttl = parameters.Seconds(ShareRequest.TtlName),
            Recipients = parameters.List(ShareRequest.RecipientName),
            ShareDomain = parameters.Scalar(ShareRequest.ShareDomainName),
            Message = parameters.Scalar(ShareRequest.MessageName),
            Note = parameters.Scalar(ShareRequest.NoteName),
        };
    }
}

/// <summary>The <c>character_sets</c> hash of <c>generate</c>; a set not named keeps its default.</summary>
public sealed record CharacterSetsRequest
{
    public const string UppercaseName = "uppercase";
    public const string LowercaseName = "lowercase";
    public const string NumbersName = "numbers";
    public const string SymbolsName = "symbols";
    public const string ExcludeAmbiguousName = "exclude_ambiguous";

    private static readonly PasswordCharacterSets Defaults = PasswordCharacterSets.Default;

    [JsonPropertyName(UppercaseName)]
    [Description("A to Z (default true).")]
    public bool? Uppercase { get; init; }

    [JsonPropertyName(LowercaseName)]
    [Description("a to z (default true).")]
    public bool? Lowercase { get; init; }

    [JsonPropertyName(NumbersName)]
    [Description("0 to 9 (default true).")]
    public bool? Numbers { get; init; }

    [JsonPropertyName(SymbolsName)]
    [Description("!#$%&*+-=?@^_ (default false).")]
    public bool? Symbols { get; init; }

    [JsonPropertyName(ExcludeAmbiguousName)]
    [Description("Leave out the look-alikes I O i l o 0 1 (default true).")]
    public bool? ExcludeAmbiguous { get; init; }

    /// <summary>The sets chosen, the defaults filled in for those not named.</summary>
    public PasswordCharacterSets ToCharacterSets() => new(
        Uppercase ?? Defaults.Uppercase,
        Lowercase ?? Defaults.Lowercase,
        Numbers ?? Defaults.Numbers,
        Symbols ?? Defaults.Symbols,
        ExcludeAmbiguous ?? Defaults.ExcludeAmbiguous);

    /// <summary>The hash as Rack reads it, <c>character_sets[name]</c>; null when no set is named.</summary>
    public static CharacterSetsRequest? From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        bool? Set(string name) => parameters.TrueOrFalse($"{GenerateRequest.CharacterSetsName}[{name}]");
        var sets = new CharacterSetsRequest
        {
            Uppercase = Set(UppercaseName),
            Lowercase = Set(LowercaseName),
            Numbers = Set(NumbersName),
            Symbols = Set(SymbolsName),
            ExcludeAmbiguous = Set(ExcludeAmbiguousName),
        };
        return sets == new CharacterSetsRequest() ? null : sets;
    }
}

/// <summary>The parameters of a reveal.</summary>
[ModelBinder(typeof(ApiRequestBinder<RevealRequest>))]
public sealed record RevealRequest : IApiRequest<RevealRequest>
{
    [JsonPropertyName(ShareRequest.PassphraseName)]
    [Description("The passphrase, when the secret has one. A wrong one does not consume the secret.")]
    public string? Passphrase { get; init; }

    public static RevealRequest From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new RevealRequest { Passphrase = parameters.Scalar(ShareRequest.PassphraseName) };
    }
}

/// <summary>The parameters of a burn.</summary>
[ModelBinder(typeof(ApiRequestBinder<BurnRequest>))]
public sealed record BurnRequest : IApiRequest<BurnRequest>
{
    [JsonPropertyName(ShareRequest.PassphraseName)]
    [Description("The passphrase, when the secret has one: without it, or with a wrong one, the secret is not burned (404).")]
    public string? Passphrase { get; init; }

    public static BurnRequest From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new BurnRequest { Passphrase = parameters.Scalar(ShareRequest.PassphraseName) };
    }
}

/// <summary>The parameters of <c>POST requests</c>: an account asks for a secret.</summary>
[ModelBinder(typeof(ApiRequestBinder<CreateSecretRequestRequest>))]
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record CreateSecretRequestRequest : IApiRequest<CreateSecretRequestRequest>
{
    public const string NoteName = "note";
    public const string SecretTtlName = "secret_ttl";

    [JsonPropertyName(NoteName)]
    [Description("Plain text shown to the sender (at most 500 characters, never rendered as HTML).")]
    public string? Note { get; init; }

    [JsonPropertyName(ShareRequest.TtlName)]
    [Description("Seconds the request stays open (default 7 days; raised to the minimum and clamped to the plan's maximum).")]
    public long? Ttl { get; init; }

    [JsonPropertyName(SecretTtlName)]
    [Description("Seconds the answered secret lives (default 7 days; raised to the minimum and clamped to the plan's maximum).")]
    public long? SecretTtl { get; init; }

    public static CreateSecretRequestRequest From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new CreateSecretRequestRequest
        {
            Note = parameters.Scalar(NoteName),
            Ttl = parameters.Seconds(ShareRequest.TtlName),
            SecretTtl = parameters.Seconds(SecretTtlName),
        };
    }
}

/// <summary>The parameters of <c>POST requests/{request_key}/answer</c>: the sender's secret.</summary>
[ModelBinder(typeof(ApiRequestBinder<AnswerSecretRequestRequest>))]
public sealed record AnswerSecretRequestRequest : IApiRequest<AnswerSecretRequestRequest>
{
    [Required]
    [JsonPropertyName(ShareRequest.SecretName)]
    [Description("The secret value; it becomes a secret of the requester.")]
    public string? Secret { get; init; }

    [JsonPropertyName(ShareRequest.PassphraseName)]
    [Description("Needed to reveal the secret; it also encrypts the value. Tell it to the requester some other way.")]
    public string? Passphrase { get; init; }

    public static AnswerSecretRequestRequest From(ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new AnswerSecretRequestRequest
        {
            Secret = parameters.Scalar(ShareRequest.SecretName),
            Passphrase = parameters.Scalar(ShareRequest.PassphraseName),
        };
    }
}
