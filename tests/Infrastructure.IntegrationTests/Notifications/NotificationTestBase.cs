using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Application.Secrets.Commands.ViewMetadata;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Notifications;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Notifications;

/// <summary>Helpers for the tests of the email outbox.</summary>
public abstract class NotificationTestBase(DatabaseProvider provider) : DatabaseTestBase(provider)
{
    protected Task<DeliveryReport> DeliverAsync() => DeliverOnAsync(Services);

    protected static async Task<DeliveryReport> DeliverOnAsync(IServiceProvider instance)
    {
        await using var scope = instance.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<DeliverNotificationsCommandHandler>(scope.ServiceProvider);
        return await handler.Handle(new DeliverNotificationsCommand(), CancellationToken.None);
    }

    protected Task<MetadataDto> ViewAsync(string metadataKey) =>
        HandleAsync<ViewMetadataCommandHandler, MetadataDto>(h => h.Handle(new ViewMetadataCommand(metadataKey), CancellationToken.None));

    protected async Task<List<EmailNotification>> NotificationsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.EmailNotifications.AsNoTracking().OrderBy(n => n.CreatedAt).ToListAsync();
    }

    protected async Task<EmailNotification> SingleNotificationAsync() => (await NotificationsAsync()).Single();
}
