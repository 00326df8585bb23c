using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace OneTimeSecret.Web.Api.V1.Wire;

// The answers of API v1, as clients written for onetimesecret.com read them: integer numbers, boolean flags,
// recipient as an array, and the newer mirror fields (identifier, share_url, ...). Each field is spelled once, here;
// JsonPropertyOrder keeps the live service's field order across the metadata records, and a field the live service
// leaves out in some states is null there and left out by the serializer.

/// <summary>A secret's metadata (its creator's receipt). Times are unix seconds (UTC), ttls remaining seconds.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public abstract record MetadataFields
{
    [JsonPropertyName("custid")]
    [JsonPropertyOrder(1)]
    [Description("The creator: an account's custid, or anon.")]
    public required string CustId { get; init; }

    [JsonPropertyName("metadata_key")]
    [JsonPropertyOrder(2)]
    [Description("The key of this metadata: keep it private.")]
    public required string MetadataKey { get; init; }

    // 3: secret_key, in the records below.
    [JsonPropertyName("ttl")]
    [JsonPropertyOrder(4)]
    [Description("The effective time to live that was given, in seconds.")]
    public required long Ttl { get; init; }

    [JsonPropertyName("metadata_ttl")]
    [JsonPropertyOrder(5)]
    [Description("Seconds until the metadata expires (it lives twice as long as the secret).")]
    public required long MetadataTtl { get; init; }

    [JsonPropertyName("secret_ttl")]
    [JsonPropertyOrder(6)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Seconds until the secret expires; absent once received.")]
    public long? SecretTtl { get; init; }

    [JsonPropertyName("state")]
    [JsonPropertyOrder(7)]
    [Description("new, viewed, received, burned or expired.")]
    public required string State { get; init; }

    [JsonPropertyName("updated")]
    [JsonPropertyOrder(8)]
    public required long Updated { get; init; }

    [JsonPropertyName("created")]
    [JsonPropertyOrder(9)]
    public required long Created { get; init; }

    [JsonPropertyName("received")]
    [JsonPropertyOrder(10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("When the secret was revealed; only in state received.")]
    public long? Received { get; init; }

    [JsonPropertyName("recipient")]
    [JsonPropertyOrder(11)]
    [Description("Obfuscated recipient addresses.")]
    public required IReadOnlyList<string> Recipient { get; init; }

    [JsonPropertyName("share_domain")]
    [JsonPropertyOrder(12)]
    public required string ShareDomain { get; init; }

    [JsonPropertyName("passphrase_required")]
    [JsonPropertyOrder(13)]
    public required bool PassphraseRequired { get; init; }

    [JsonPropertyName("passphrase_attempts_exceeded")]
    [JsonPropertyOrder(14)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("true when the secret was destroyed because too many wrong passphrases were tried; absent otherwise.")]
    public bool? PassphraseAttemptsExceeded { get; init; }

    [JsonPropertyName("email_status")]
    [JsonPropertyOrder(15)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("An addition of this service: pending, sent, failed or cancelled for the emails to the recipients; absent without recipients.")]
    public string? EmailStatus { get; init; }

    [JsonPropertyName("identifier")]
    [JsonPropertyOrder(16)]
    [Description("Same as metadata_key (newer clients).")]
    public string Identifier => MetadataKey;

    // 17: secret_identifier, in the records below.
    [JsonPropertyName("recipients")]
    [JsonPropertyOrder(18)]
    [Description("Same as recipient (newer clients).")]
    public IReadOnlyList<string> Recipients => Recipient;

    [JsonPropertyName("receipt_ttl")]
    [JsonPropertyOrder(19)]
    [Description("Same as metadata_ttl (newer clients).")]
    public long ReceiptTtl => MetadataTtl;

    [JsonPropertyName("has_passphrase")]
    [JsonPropertyOrder(20)]
    [Description("Same as passphrase_required (newer clients).")]
    public bool HasPassphrase => PassphraseRequired;

    [JsonPropertyName("share_url")]
    [JsonPropertyOrder(21)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The link that reveals the secret, while there is a secret key to show.")]
    public string? ShareUrl { get; init; }

    [JsonPropertyName("metadata_url")]
    [JsonPropertyOrder(22)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The creator's link to this metadata.")]
    public string? MetadataUrl { get; init; }

    [JsonPropertyName("receipt_url")]
    [JsonPropertyOrder(23)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Same as metadata_url (newer clients).")]
    public string? ReceiptUrl => MetadataUrl;

    [JsonPropertyName(ShareRequest.NoteName)]
    [JsonPropertyOrder(25)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("An addition of this service: the creator's private note, as given on share or generate; absent without one. Never shown to the recipient.")]
    public string? Note { get; init; }
}

/// <summary>
/// The metadata of share, create, metadata and burn. Not sealed: <see cref="GeneratedAnswer"/> is this answer plus
/// the value.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public record MetadataAnswer : MetadataFields
{
    [JsonPropertyName("secret_key")]
    [JsonPropertyOrder(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The key of the secret, to share; absent once received.")]
    public string? SecretKey { get; init; }

    [JsonPropertyName("secret_identifier")]
    [JsonPropertyOrder(17)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Same as secret_key (newer clients).")]
    public string? SecretIdentifier => SecretKey;
}

/// <summary>The metadata of a generated secret, with the generated value (shown this once).</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record GeneratedAnswer : MetadataAnswer
{
    [SetsRequiredMembers]
    public GeneratedAnswer(MetadataAnswer metadata, string value)
        : base(metadata)
    {
        Value = value;
    }

    [JsonPropertyName("value")]
    [JsonPropertyOrder(24)]
    [Description("The generated password.")]
    public required string Value { get; init; }
}

/// <summary>An entry of the recent list: the metadata, with the secret key always null (present, as on the live service).</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record RecentEntry : MetadataFields
{
    [SetsRequiredMembers]
    public RecentEntry(MetadataFields metadata)
        : base(metadata)
    {
    }

    [JsonPropertyName("secret_key")]
    [JsonPropertyOrder(3)]
    [Description("Always null in the recent list.")]
    public string? SecretKey => null;

    [JsonPropertyName("secret_identifier")]
    [JsonPropertyOrder(17)]
    [Description("Always null in the recent list.")]
    public string? SecretIdentifier => null;
}

/// <summary>A revealed secret: the value, shown once; the secret is gone afterwards.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record RevealAnswer(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("secret_key")] string SecretKey,
    [property: JsonPropertyName("share_domain")] string ShareDomain);

/// <summary>The answer to a burn: the metadata (state burned) and the first characters of the secret key.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record BurnAnswer(
    [property: JsonPropertyName("state")] MetadataAnswer State,
    [property: JsonPropertyName("secret_shortkey")] string SecretShortKey);

/// <summary>Whether the service works.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record StatusAnswer(
    [property: JsonPropertyName("status"), Description("nominal, or offline (with status 503) while the database cannot be reached.")] string Status,
    [property: JsonPropertyName("locale")] string Locale);

/// <summary>The authenticated account.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record AccountAnswer(
    [property: JsonPropertyName("custid")] string CustId,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("planid")] string PlanId,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("updated")] long Updated,
    [property: JsonPropertyName("secrets_created")] long SecretsCreated,
    [property: JsonPropertyName("secrets_burned")] long SecretsBurned,
    [property: JsonPropertyName("emails_sent")] long EmailsSent,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("locale")] string Locale);

/// <summary>Every error of the API.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record ErrorAnswer(
    [property: JsonPropertyName("message"), Description("What went wrong, for people.")] string Message,
    [property: JsonPropertyName("secret_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("On an unknown secret: the key as it was sent.")] string? SecretKey = null);

/// <summary>
/// A request for a secret, for its requester. Times are unix seconds (UTC); ttl and secret_ttl the effective times
/// to live that were given. Once answered (and only in the answer about one request), the answered secret's keys.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record SecretRequestAnswer
{
    [JsonPropertyName("request_key")]
    [JsonPropertyOrder(1)]
    [Description("The key of the request: whoever has it can answer the request once.")]
    public required string RequestKey { get; init; }

    [JsonPropertyName("request_url")]
    [JsonPropertyOrder(2)]
    [Description("The link to give to the sender.")]
    public required string RequestUrl { get; init; }

    [JsonPropertyName("state")]
    [JsonPropertyOrder(3)]
    [Description("open, answered, cancelled or expired.")]
    public required string State { get; init; }

    [JsonPropertyName("note")]
    [JsonPropertyOrder(4)]
    [Description("The note for the sender; empty without one.")]
    public required string Note { get; init; }

    [JsonPropertyName("ttl")]
    [JsonPropertyOrder(5)]
    [Description("Seconds the request stays open, as given (after clamping).")]
    public required long Ttl { get; init; }

    [JsonPropertyName("secret_ttl")]
    [JsonPropertyOrder(6)]
    [Description("Seconds the answered secret lives, as given (after clamping).")]
    public required long SecretTtl { get; init; }

    [JsonPropertyName("created")]
    [JsonPropertyOrder(7)]
    public required long Created { get; init; }

    [JsonPropertyName("expires")]
    [JsonPropertyOrder(8)]
    [Description("When an open request expires.")]
    public required long Expires { get; init; }

    [JsonPropertyName("answered")]
    [JsonPropertyOrder(9)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("When the request was answered; only in state answered.")]
    public long? Answered { get; init; }

    [JsonPropertyName("metadata_key")]
    [JsonPropertyOrder(10)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The answered secret's metadata key; only in GET requests/{request_key} of an answered request.")]
    public string? MetadataKey { get; init; }

    [JsonPropertyName("secret_key")]
    [JsonPropertyOrder(11)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The answered secret's key, until it is revealed; only in GET requests/{request_key}.")]
    public string? SecretKey { get; init; }

    [JsonPropertyName("share_url")]
    [JsonPropertyOrder(12)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The link that reveals the answered secret, until it is revealed.")]
    public string? ShareUrl { get; init; }
}

/// <summary>The sender's answer: that it worked, and nothing that leads to the secret.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record RequestAnsweredAnswer(
    [property: JsonPropertyName("state")] string State);
