using System.Globalization;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;
using OneTimeSecret.Web.Api.V1.Wire;

namespace OneTimeSecret.Web.Site;

/// <summary>Durations, times and states as a person reads them.</summary>
public static class TimeText
{
    public static string Duration(long seconds)
    {
        if (seconds <= 0)
        {
            return "no time";
        }

        if (seconds < 60)
        {
            return "less than a minute";
        }

        var span = TimeSpan.FromSeconds(seconds);
        var parts = new List<string>(2);
        if (span.Days > 0)
        {
            parts.Add(Plural(span.Days, "day"));
        }

        if (span.Hours > 0)
        {
            parts.Add(Plural(span.Hours, "hour"));
        }

        if (span.Days == 0 && span.Minutes > 0)
        {
            parts.Add(Plural(span.Minutes, "minute"));
        }

        return string.Join(" ", parts.Take(2));
    }

    public static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The CSS class suffix of a state: its API name.</summary>
    public static string StateClass(SecretState state) => WireNames.Of(state);

    public static string StateLabel(SecretState state) => state switch
    {
        SecretState.New => "Not yet viewed",
        SecretState.Viewed => "Not yet viewed",
        SecretState.Received => "Viewed by the recipient",
        SecretState.Burned => "Burned",
        SecretState.Expired => "Expired",
        _ => WireNames.Of(state),
    };

    public static string RequestStateLabel(Domain.Requests.SecretRequestState state) => state switch
    {
        Domain.Requests.SecretRequestState.Open => "Open",
        Domain.Requests.SecretRequestState.Answered => "Answered",
        Domain.Requests.SecretRequestState.Cancelled => "Cancelled",
        Domain.Requests.SecretRequestState.Expired => "Expired",
        _ => WireNames.Of(state),
    };

    /// <summary>The style of an email status pill: the colours of the secret states it resembles.</summary>
    public static string EmailStatusClass(NotificationStatus status) => status switch
    {
        NotificationStatus.Sent => "received",
        NotificationStatus.Failed or NotificationStatus.Cancelled => "burned",
        _ => "new",
    };

    public static string EmailStatusLabel(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "Pending: not sent yet",
        NotificationStatus.Sent => "Sent to the recipient",
        NotificationStatus.Written => "Written to the server's mail folder, not sent (no mail server)",
        NotificationStatus.Failed => "Failed: the email could not be sent; send the link yourself",
        NotificationStatus.Cancelled => "Not sent: the secret was gone first",
        _ => WireNames.Of(status),
    };

    private static string Plural(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}");
}

/// <summary>The ttl choices of the share form: from 5 minutes up to the plan's maximum.</summary>
public static class TtlChoices
{
    private static readonly long[] Standard =
    [
        5 * 60, 30 * 60, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600, 14 * 24 * 3600, 30 * 24 * 3600,
    ];

    public static IReadOnlyList<Models.TtlChoice> For(long minimumSeconds, long maximumSeconds, long defaultSeconds)
    {
        var seconds = Standard
            .Where(s => s >= minimumSeconds && s <= maximumSeconds)
            .Append(defaultSeconds)
            .Append(maximumSeconds)
            .Distinct()
            .Order();
        return seconds.Select(s => new Models.TtlChoice(s, TimeText.Duration(s))).ToList();
    }
}
