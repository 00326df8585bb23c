using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Requests;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Web.Api.V1.Wire;

/// <summary>How API v1 spells the domain's states (the live service's words) and this service's email statuses.</summary>
public static class WireNames
{
    public static string Of(SecretState state) => state switch
    {
        SecretState.New => "new",
        SecretState.Viewed => "viewed",
        SecretState.Received => "received",
        SecretState.Burned => "burned",
        SecretState.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Of(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "pending",
        NotificationStatus.Sent => "sent",
        NotificationStatus.Failed => "failed",
        NotificationStatus.Cancelled => "cancelled",
        NotificationStatus.Written => "written",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(SecretRequestState state) => state switch
    {
        SecretRequestState.Open => "open",
        SecretRequestState.Answered => "answered",
        SecretRequestState.Cancelled => "cancelled",
        SecretRequestState.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
