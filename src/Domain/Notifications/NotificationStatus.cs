namespace OneTimeSecret.Domain.Notifications;

/// <summary>Where an email to a recipient stands.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting in the outbox to be sent, or to be tried again.</summary>
    Pending = 0,

    /// <summary>The mail server accepted the message.</summary>
    Sent = 1,

    /// <summary>Every attempt failed, or the mail server refused the message for good.</summary>
    Failed = 2,

    /// <summary>Not sent because the secret was already received, burned or expired.</summary>
    Cancelled = 3,

    /// <summary>
    /// No mail server: written as an <c>.eml</c> file into the pickup directory, not sent to anyone. The file is
    /// deleted when the secret is received, burned or expired.
    /// </summary>
    Written = 4,
}

public static class NotificationStatusNames
{
    /// <summary>
    /// One status for all the emails of a secret, as its creator would want to hear it: still pending if any is;
    /// otherwise failed if any failed; otherwise written if any only went to the pickup directory; otherwise sent if
    /// any went out; otherwise cancelled. <c>null</c> for none.
    /// </summary>
    public static NotificationStatus? Summarize(IEnumerable<NotificationStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        NotificationStatus? summary = null;
        foreach (var status in statuses)
        {
            if (summary is null || Rank(status) > Rank(summary.Value))
            {
                summary = status;
            }
        }

        return summary;
    }

    private static int Rank(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => 4,
        NotificationStatus.Failed => 3,
        NotificationStatus.Written => 2,
        NotificationStatus.Sent => 1,
        _ => 0,
    };
}
