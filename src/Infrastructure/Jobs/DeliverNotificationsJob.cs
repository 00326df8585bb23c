using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using Quartz;

namespace OneTimeSecret.Infrastructure.Jobs;

/// <summary>Every <c>Smtp:DeliveryIntervalSeconds</c>: sends <see cref="DeliverNotificationsCommand"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class DeliverNotificationsJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("deliver-notifications", "onetimesecret");

    public async Task Execute(IJobExecutionContext context)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new DeliverNotificationsCommand(), context.CancellationToken);
    }
}
