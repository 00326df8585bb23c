using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Application.Notifications.Common;

/// <summary>
/// The email quotas (<see cref="EmailQuotaOptions"/>), counted over the outbox itself before new emails are queued:
/// every email an account caused in the last hour and day, and every email one address received in the last day
/// (by its keyed tag, never the address). Checked before the insert, so requests racing each other may pass a
/// quota by a few emails; it bounds abuse, it is not an accounting system.
/// </summary>
public sealed class EmailQuota(IApplicationDbContext db, TimeProvider clock, IOptions<EmailQuotaOptions> options)
{
    public const string AccountHourMessage = "Email limit reached: this account may send at most {0} emails per hour. Please try again later.";

    public const string AccountDayMessage = "Email limit reached: this account may send at most {0} emails per day. Please try again later.";

    public const string RecipientDayMessage = "Email limit reached: a recipient may receive at most {0} emails per day from this service. Please try again later.";

    /// <exception cref="EmailQuotaExceededException">One of the quotas would be passed; nothing is queued.</exception>
    public async Task EnsureAsync(Guid? customerId, IReadOnlyCollection<byte[]> recipientTags, int newEmails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientTags);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var dayAgo = now - EmailQuotaOptions.LongestWindow;

        if (customerId is { } id)
        {
            var lastDay = await db.EmailNotifications
                .Where(n => n.CustomerId == id && n.CreatedAt > dayAgo)
                .Select(n => n.CreatedAt)
                .ToListAsync(cancellationToken);
            if (lastDay.Count(created => created > hourAgo) + newEmails > settings.PerAccountPerHour)
            {
                throw new EmailQuotaExceededException(Format(AccountHourMessage, settings.PerAccountPerHour), TimeSpan.FromHours(1));
            }

            if (lastDay.Count + newEmails > settings.PerAccountPerDay)
            {
                throw new EmailQuotaExceededException(Format(AccountDayMessage, settings.PerAccountPerDay), EmailQuotaOptions.LongestWindow);
            }
        }

        foreach (var tag in recipientTags)
        {
            var received = await db.EmailNotifications.CountAsync(n => n.RecipientTag == tag && n.CreatedAt > dayAgo, cancellationToken);
            if (received + 1 > settings.PerRecipientPerDay)
            {
                throw new EmailQuotaExceededException(Format(RecipientDayMessage, settings.PerRecipientPerDay), EmailQuotaOptions.LongestWindow);
            }
        }
    }

    private static string Format(string message, int limit) => string.Format(CultureInfo.InvariantCulture, message, limit);
}
