using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace OneTimeSecret.Web.Api.V1.Documentation;

// The shapes of API v1 for the OpenAPI document only: the controllers write JSON with ApiV1Json, and a functional
// test checks that every attribute they write is described here.

/// <summary>The parameters of <c>share</c> and <c>create</c>.</summary>
public sealed class ShareRequest
{
    [Required]
    [JsonPropertyName("secret")]
    [Description("The secret value.")]
    public string Secret { get; init; } = string.Empty;

    [JsonPropertyName("passphrase")]
    [Description("Needed to reveal the secret; it also encrypts the value.")]
    public string? Passphrase { get; init; }

    [JsonPropertyName("ttl")]
    [Description("Seconds the secret lives (default 7 days; raised to the minimum and clamped to the plan's maximum).")]
    public long? Ttl { get; init; }

    [JsonPropertyName("recipient")]
    [Description("Email address to send the link to (accounts only, within the plan's limit). Repeat the parameter or send an array for several.")]
    public string? Recipient { get; init; }

    [JsonPropertyName("share_domain")]
    [Description("One of the domains configured in Secrets:ShareDomains, for the secret's link.")]
    public string? ShareDomain { get; init; }
}

/// <summary>The parameters of <c>generate</c>: those of share without the secret.</summary>
public sealed class GenerateRequest
{
    [JsonPropertyName("passphrase")]
    [Description("Needed to reveal the secret; it also encrypts the value.")]
    public string? Passphrase { get; init; }

    [JsonPropertyName("ttl")]
    [Description("Seconds the secret lives (default 7 days; raised to the minimum and clamped to the plan's maximum).")]
    public long? Ttl { get; init; }

    [JsonPropertyName("recipient")]
    [Description("Email address to send the link to (accounts only, within the plan's limit).")]
    public string? Recipient { get; init; }

    [JsonPropertyName("share_domain")]
    [Description("One of the domains configured in Secrets:ShareDomains, for the secret's link.")]
    public string? ShareDomain { get; init; }
}

/// <summary>The parameters of a reveal.</summary>
public sealed class RevealRequest
{
    [JsonPropertyName("passphrase")]
    [Description("The passphrase, when the secret has one. A wrong one does not consume the secret.")]
    public string? Passphrase { get; init; }
}

/// <summary>The parameters of a burn.</summary>
public sealed class BurnRequest
{
    [JsonPropertyName("passphrase")]
    [Description("The passphrase, when the secret has one: without it, or with a wrong one, the secret is not burned (404).")]
    public string? Passphrase { get; init; }
}

/// <summary>A secret's metadata (its creator's receipt). Times are unix seconds (UTC), ttls remaining seconds.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public class MetadataResponse
{
    [JsonPropertyName("custid")]
    [Description("The creator: an account's custid, or anon.")]
    public string CustId { get; init; } = string.Empty;

    [JsonPropertyName("metadata_key")]
    [Description("The key of this metadata: keep it private.")]
    public string MetadataKey { get; init; } = string.Empty;

    [JsonPropertyName("secret_key")]
    [Description("The key of the secret, to share; absent once received, always null in the recent list.")]
    public string? SecretKey { get; init; }

    [JsonPropertyName("ttl")]
    [Description("The effective time to live that was given, in seconds.")]
    public long Ttl { get; init; }

    [JsonPropertyName("metadata_ttl")]
    [Description("Seconds until the metadata expires (it lives twice as long as the secret).")]
    public long MetadataTtl { get; init; }

    [JsonPropertyName("secret_ttl")]
    [Description("Seconds until the secret expires; absent once received.")]
    public long? SecretTtl { get; init; }

    [JsonPropertyName("state")]
    [Description("new, viewed, received, burned or expired.")]
    public string State { get; init; } = string.Empty;

    [JsonPropertyName("updated")]
    public long Updated { get; init; }

    [JsonPropertyName("created")]
    public long Created { get; init; }

    [JsonPropertyName("received")]
    [Description("When the secret was revealed; only in state received.")]
    public long? Received { get; init; }

    [JsonPropertyName("recipient")]
    [Description("Obfuscated recipient addresses, like fr*****@e*****.org.")]
    public IReadOnlyList<string> Recipient { get; init; } = [];

    [JsonPropertyName("share_domain")]
    public string ShareDomain { get; init; } = string.Empty;

    [JsonPropertyName("passphrase_required")]
    public bool PassphraseRequired { get; init; }

    [JsonPropertyName("identifier")]
    [Description("Same as metadata_key (newer clients).")]
    public string Identifier { get; init; } = string.Empty;

    [JsonPropertyName("secret_identifier")]
    [Description("Same as secret_key (newer clients).")]
    public string? SecretIdentifier { get; init; }

    [JsonPropertyName("recipients")]
    [Description("Same as recipient (newer clients).")]
    public IReadOnlyList<string> Recipients { get; init; } = [];

    [JsonPropertyName("receipt_ttl")]
    [Description("Same as metadata_ttl (newer clients).")]
    public long ReceiptTtl { get; init; }

    [JsonPropertyName("has_passphrase")]
    [Description("Same as passphrase_required (newer clients).")]
    public bool HasPassphrase { get; init; }

    [JsonPropertyName("share_url")]
    [Description("The link that reveals the secret, while there is a secret key to show.")]
    public string? ShareUrl { get; init; }

    [JsonPropertyName("metadata_url")]
    [Description("The creator's link to this metadata.")]
    public string? MetadataUrl { get; init; }

    [JsonPropertyName("receipt_url")]
    [Description("Same as metadata_url (newer clients).")]
    public string? ReceiptUrl { get; init; }
}

/// <summary>The metadata of a generated secret, with the generated value (shown this once).</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class GeneratedResponse : MetadataResponse
{
    [JsonPropertyName("value")]
    [Description("The generated password.")]
    public string Value { get; init; } = string.Empty;
}

/// <summary>A revealed secret: the value, shown once; the secret is gone afterwards.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class RevealResponse
{
    [JsonPropertyName("value")]
    public string Value { get; init; } = string.Empty;

    [JsonPropertyName("secret_key")]
    public string SecretKey { get; init; } = string.Empty;

    [JsonPropertyName("share_domain")]
    public string ShareDomain { get; init; } = string.Empty;
}

/// <summary>The answer to a burn: the metadata (state burned) and the first characters of the secret key.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class BurnResponse
{
    [JsonPropertyName("state")]
    public MetadataResponse State { get; init; } = new();

    [JsonPropertyName("secret_shortkey")]
    public string SecretShortKey { get; init; } = string.Empty;
}

/// <summary>Whether the service works.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class StatusResponse
{
    [JsonPropertyName("status")]
    [Description("nominal, or offline (with status 503) while the database cannot be reached.")]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("locale")]
    public string Locale { get; init; } = string.Empty;
}

/// <summary>The authenticated account.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class CustomerResponse
{
    [JsonPropertyName("custid")]
    public string CustId { get; init; } = string.Empty;

    [JsonPropertyName("role")]
    public string Role { get; init; } = string.Empty;

    [JsonPropertyName("planid")]
    public string PlanId { get; init; } = string.Empty;

    [JsonPropertyName("verified")]
    public bool Verified { get; init; }

    [JsonPropertyName("active")]
    public bool Active { get; init; }

    [JsonPropertyName("created")]
    public long Created { get; init; }

    [JsonPropertyName("updated")]
    public long Updated { get; init; }

    [JsonPropertyName("secrets_created")]
    public long SecretsCreated { get; init; }

    [JsonPropertyName("secrets_burned")]
    public long SecretsBurned { get; init; }

    [JsonPropertyName("emails_sent")]
    public long EmailsSent { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("locale")]
    public string Locale { get; init; } = string.Empty;
}

/// <summary>Every error of the API.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class ApiError
{
    [Required]
    [JsonPropertyName("message")]
    [Description("What went wrong, for people.")]
    public string Message { get; init; } = string.Empty;

    [JsonPropertyName("secret_key")]
    [Description("On an unknown secret: the key as it was sent.")]
    public string? SecretKey { get; init; }
}
