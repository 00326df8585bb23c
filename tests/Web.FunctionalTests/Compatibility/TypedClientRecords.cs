using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneTimeSecret.Web.FunctionalTests.Compatibility;

/// <summary>
/// What typed clients (Go, C#, TypeScript, ...) declare for API v1 answers: integers, booleans and string arrays.
/// Deserializing with strict number handling fails on "3600" where 3600 is expected.
/// </summary>
public static class TypedClient
{
    public static readonly JsonSerializerOptions Strict = new()
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Strict) ?? throw new AssertionException($"null for {typeof(T).Name}: {json}");
}

/// <remarks>Fields that the reference service leaves out in some states are optional; all others are required.</remarks>
public sealed record MetadataRecord(
    [property: JsonPropertyName("custid")] string CustId,
    [property: JsonPropertyName("metadata_key")] string MetadataKey,
    [property: JsonPropertyName("ttl")] int Ttl,
    [property: JsonPropertyName("metadata_ttl")] int MetadataTtl,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("updated")] long Updated,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("recipient")] string[] Recipient,
    [property: JsonPropertyName("share_domain")] string ShareDomain,
    [property: JsonPropertyName("passphrase_required")] bool PassphraseRequired,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("recipients")] string[] Recipients,
    [property: JsonPropertyName("receipt_ttl")] int ReceiptTtl,
    [property: JsonPropertyName("has_passphrase")] bool HasPassphrase,
    [property: JsonPropertyName("secret_key")] string? SecretKey = null,
    [property: JsonPropertyName("secret_ttl")] int? SecretTtl = null,
    [property: JsonPropertyName("received")] long? Received = null,
    [property: JsonPropertyName("share_url")] string? ShareUrl = null,
    [property: JsonPropertyName("metadata_url")] string? MetadataUrl = null,
    [property: JsonPropertyName("receipt_url")] string? ReceiptUrl = null,
    [property: JsonPropertyName("passphrase_attempts_exceeded")] bool? PassphraseAttemptsExceeded = null,
    [property: JsonPropertyName("email_status")] string? EmailStatus = null,
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("note")] string? Note = null);

public sealed record RevealRecord(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("secret_key")] string SecretKey,
    [property: JsonPropertyName("share_domain")] string ShareDomain);

public sealed record BurnRecord(
    [property: JsonPropertyName("state")] MetadataRecord State,
    [property: JsonPropertyName("secret_shortkey")] string SecretShortKey);

public sealed record StatusRecord(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("locale")] string Locale);

public sealed record AuthCheckRecord(
    [property: JsonPropertyName("custid")] string CustId,
    [property: JsonPropertyName("planid")] string PlanId,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("updated")] long Updated,
    [property: JsonPropertyName("secrets_created")] long SecretsCreated,
    [property: JsonPropertyName("active")] bool Active);

public sealed record ErrorRecord(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("secret_key")] string? SecretKey = null);
