using System.Text.Json.Nodes;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Api.V1;

/// <summary>
/// The wire format of API v1, as clients written for onetimesecret.com read it: integer numbers, boolean flags,
/// <c>recipient</c> as an array, and the newer mirror fields (<c>identifier</c>, <c>share_url</c>, ...).
/// </summary>
public sealed class ApiV1Json(PublicUrls urls)
{
    /// <summary>The metadata object of share, generate, create, metadata and burn.</summary>
    public JsonObject Metadata(MetadataDto metadata, bool listing = false)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var received = metadata.State == SecretState.Received;
        var secretKey = listing ? null : metadata.SecretKey;
        var json = new JsonObject
        {
            ["custid"] = metadata.CustId,
            ["metadata_key"] = metadata.MetadataKey,
        };

        // Once received, the secret key and its ttl are gone from the metadata; the list always shows a null key.
        if (listing || !received)
        {
            json["secret_key"] = secretKey;
        }

        json["ttl"] = metadata.Ttl;
        json["metadata_ttl"] = metadata.MetadataTtl;
        if (!received)
        {
            json["secret_ttl"] = metadata.SecretTtl;
        }

        json["state"] = metadata.State.ToWireName();
        json["updated"] = metadata.Updated.ToUnixTimeSeconds();
        json["created"] = metadata.Created.ToUnixTimeSeconds();
        if (received && metadata.Received is { } receivedAt)
        {
            json["received"] = receivedAt.ToUnixTimeSeconds();
        }

        json["recipient"] = StringArray(metadata.Recipients);
        json["share_domain"] = metadata.ShareDomain;
        json["passphrase_required"] = metadata.PassphraseRequired;

        if (metadata.DestroyedByFailedPassphrases)
        {
            json["passphrase_attempts_exceeded"] = true;
        }

        // An addition of this service: whether the emails to the recipients went out (only when there are any).
        if (metadata.EmailStatus is { } emailStatus)
        {
            json["email_status"] = emailStatus.ToWireName();
        }

        json["identifier"] = metadata.MetadataKey;
        if (listing || !received)
        {
            json["secret_identifier"] = secretKey;
        }

        json["recipients"] = StringArray(metadata.Recipients);
        json["receipt_ttl"] = metadata.MetadataTtl;
        json["has_passphrase"] = metadata.PassphraseRequired;
        if (secretKey is not null)
        {
            json["share_url"] = urls.SecretUrl(secretKey, metadata.ShareDomain);
        }

        if (metadata.MetadataKey.Length > 0)
        {
            var privateUrl = urls.PrivateUrl(metadata.MetadataKey);
            json["metadata_url"] = privateUrl;
            json["receipt_url"] = privateUrl;
        }

        return json;
    }

    public JsonObject Generated(MetadataDto metadata, string value)
    {
        var json = Metadata(metadata);
        json["value"] = value;
        return json;
    }

    public static JsonObject Revealed(string secretKey, string value, string shareDomain) => new()
    {
        ["value"] = value,
        ["secret_key"] = secretKey,
        ["share_domain"] = shareDomain,
    };

    public JsonObject Burned(MetadataDto metadata, string secretShortKey) => new()
    {
        ["state"] = Metadata(metadata),
        ["secret_shortkey"] = secretShortKey,
    };

    public JsonArray Recent(IEnumerable<MetadataDto> metadata) =>
        new(metadata.Select(m => (JsonNode?)Metadata(m, listing: true)).ToArray());

    public static JsonObject Status(bool available) => new()
    {
        ["status"] = available ? "nominal" : "offline",
        ["locale"] = "en",
    };

    public static JsonObject Customer(CustomerDto customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new JsonObject
        {
            ["custid"] = customer.CustId,
            ["role"] = "customer",
            ["planid"] = customer.PlanId,
            ["verified"] = true,
            ["active"] = true,
            ["created"] = customer.Created.ToUnixTimeSeconds(),
            ["updated"] = customer.Updated.ToUnixTimeSeconds(),
            ["secrets_created"] = customer.SecretsCreated,
            ["secrets_burned"] = customer.SecretsBurned,
            ["emails_sent"] = customer.EmailsSent,
            ["status"] = "nominal",
            ["locale"] = "en",
        };
    }

    public static JsonObject Error(string message, string? secretKey = null)
    {
        var json = new JsonObject { ["message"] = message };
        if (secretKey is not null)
        {
            json["secret_key"] = secretKey;
        }

        return json;
    }

    private static JsonArray StringArray(IEnumerable<string> values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
