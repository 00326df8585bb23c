using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.Api.V1.Wire;

/// <summary>From the application's answers to the wire records; the links need the site's public addresses.</summary>
public sealed class WireMapper(PublicUrls urls)
{
    /// <summary>The metadata of share, create, metadata and burn: once received, the secret key and its ttl are gone.</summary>
    public MetadataAnswer Metadata(MetadataDto metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var received = metadata.State == SecretState.Received;
        var secretKey = received ? null : metadata.SecretKey;
        return new MetadataAnswer
        {
            CustId = metadata.CustId,
            MetadataKey = metadata.MetadataKey,
            SecretKey = secretKey,
            Ttl = metadata.Ttl,
            MetadataTtl = metadata.MetadataTtl,
            SecretTtl = received ? null : metadata.SecretTtl,
            State = WireNames.Of(metadata.State),
            Updated = metadata.Updated.ToUnixTimeSeconds(),
            Created = metadata.Created.ToUnixTimeSeconds(),
            Received = ReceivedAt(metadata),
            Recipient = metadata.Recipients,
            ShareDomain = metadata.ShareDomain,
            PassphraseRequired = metadata.PassphraseRequired,
            PassphraseAttemptsExceeded = AttemptsExceeded(metadata),
            EmailStatus = EmailStatus(metadata),
            ShareUrl = secretKey is null ? null : urls.SecretUrl(secretKey, metadata.ShareDomain),
            MetadataUrl = MetadataUrl(metadata),
            Note = metadata.Note,
        };
    }

    public GeneratedAnswer Generated(MetadataDto metadata, string value) => new(Metadata(metadata), value);

    /// <summary>The recent list: the secret key is never shown there, so there is no share link either.</summary>
    public IReadOnlyList<RecentEntry> Recent(IEnumerable<MetadataDto> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Select(m => new RecentEntry(Metadata(m with { SecretKey = null }))).ToList();
    }

    public BurnAnswer Burned(MetadataDto metadata, string secretShortKey) => new(Metadata(metadata), secretShortKey);

    /// <summary>A request for a secret; the answered secret's keys only where the application gave them.</summary>
    public SecretRequestAnswer Request(SecretRequestDto request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SecretRequestAnswer
        {
            RequestKey = request.RequestKey,
            RequestUrl = urls.RequestUrl(request.RequestKey),
            State = WireNames.Of(request.State),
            Note = request.Note,
            Ttl = request.Ttl,
            SecretTtl = request.SecretTtl,
            Created = request.Created.ToUnixTimeSeconds(),
            Expires = request.Expires.ToUnixTimeSeconds(),
            Answered = request.Answered?.ToUnixTimeSeconds(),
            MetadataKey = request.MetadataKey,
            SecretKey = request.SecretKey,
            ShareUrl = request.SecretKey is null ? null : urls.SecretUrl(request.SecretKey, null),
        };
    }

    public IReadOnlyList<SecretRequestAnswer> Requests(IEnumerable<SecretRequestDto> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Select(Request).ToList();
    }

    public static RequestAnsweredAnswer Answered() => new(WireNames.Of(Domain.Requests.SecretRequestState.Answered));

    public static RevealAnswer Revealed(string secretKey, string value, string shareDomain) => new(value, secretKey, shareDomain);

    public static StatusAnswer Status(bool available) => new(available ? "nominal" : "offline", "en");

    public static AccountAnswer Account(CustomerDto customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new AccountAnswer(
            customer.CustId,
            "customer",
            customer.PlanId,
            Verified: true,
            Active: true,
            customer.Created.ToUnixTimeSeconds(),
            customer.Updated.ToUnixTimeSeconds(),
            customer.SecretsCreated,
            customer.SecretsBurned,
            customer.EmailsSent,
            "nominal",
            "en");
    }

    private static long? ReceivedAt(MetadataDto metadata) =>
        metadata.State == SecretState.Received ? metadata.Received?.ToUnixTimeSeconds() : null;

    private static bool? AttemptsExceeded(MetadataDto metadata) => metadata.DestroyedByFailedPassphrases ? true : null;

    private static string? EmailStatus(MetadataDto metadata) => metadata.EmailStatus is { } status ? WireNames.Of(status) : null;

    private string? MetadataUrl(MetadataDto metadata) =>
        metadata.MetadataKey.Length > 0 ? urls.PrivateUrl(metadata.MetadataKey) : null;
}
