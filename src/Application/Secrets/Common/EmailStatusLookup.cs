using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Domain.Secrets;

namespace OneTimeSecret.Application.Secrets.Common;

/// <summary>Tells the creator whether the emails of their secrets went out.</summary>
internal static class EmailStatusLookup
{
    /// <summary>The summarized email status of each of <paramref name="secrets"/> that has recipients.</summary>
    public static async Task<IReadOnlyDictionary<Guid, NotificationStatus>> ForAsync(
        IApplicationDbContext db,
        IEnumerable<Secret> secrets,
        CancellationToken cancellationToken)
    {
        var ids = secrets.Where(s => s.Recipients.Length > 0).Select(s => s.Id).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, NotificationStatus>();
        }

        var rows = await db.EmailNotifications
            .AsNoTracking()
            .Where(n => n.SecretId != null && ids.Contains(n.SecretId.Value))
            .Select(n => new { SecretId = n.SecretId!.Value, n.Status })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.SecretId)
            .ToDictionary(g => g.Key, g => NotificationStatusNames.Summarize(g.Select(r => r.Status))!.Value);
    }

    public static async Task<MetadataDto> WithEmailStatusAsync(
        this MetadataDto metadata,
        IApplicationDbContext db,
        Secret secret,
        CancellationToken cancellationToken)
    {
        var statuses = await ForAsync(db, [secret], cancellationToken);
        return statuses.TryGetValue(secret.Id, out var status) ? metadata with { EmailStatus = status } : metadata;
    }
}
