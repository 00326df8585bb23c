using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Secrets.Commands.PurgeExpired;
using Quartz;

namespace OneTimeSecret.Infrastructure.Jobs;

/// <summary>Every <c>Purge:IntervalSeconds</c>: sends <see cref="PurgeExpiredCommand"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class PurgeExpiredJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("purge-expired", "onetimesecret");

    public async Task Execute(IJobExecutionContext context)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new PurgeExpiredCommand(), context.CancellationToken);
    }
}
