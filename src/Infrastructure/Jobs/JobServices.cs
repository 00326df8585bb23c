using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Common.Options;
using Quartz;

namespace OneTimeSecret.Infrastructure.Jobs;

public static class JobServices
{
    /// <summary>
    /// The background duties of a running server, on Quartz: the purge of expired data and the delivery of the
    /// email outbox, each switched on or off by configuration. The command line does not call this.
    /// </summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var purge = configuration.ReadOrDefault<PurgeOptions>(PurgeOptions.SectionName);
        var delivery = configuration.ReadOrDefault<EmailDeliveryOptions>(EmailDeliveryOptions.SectionName);
        if (!purge.Enabled && !delivery.DeliveryEnabled)
        {
            return services;
        }

        // Out-of-range intervals are reported by the options' validation at start-up, with the setting's name.
        services.AddQuartz(quartz =>
        {
            // Quartz keeps schedulers in a process-wide registry by name; a name of its own per host keeps hosts
            // (for example several test servers in one process) from sharing one.
            quartz.SchedulerName = $"onetimesecret-{Guid.NewGuid():N}";
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = 2);
            if (purge.Enabled)
            {
                quartz.ScheduleJob<PurgeExpiredJob>(
                    trigger => Every(trigger.WithIdentity("purge-expired-trigger", "onetimesecret"), purge.IntervalSeconds),
                    job => job.WithIdentity(PurgeExpiredJob.Key));
            }

            if (delivery.DeliveryEnabled)
            {
                quartz.ScheduleJob<DeliverNotificationsJob>(
                    trigger => Every(trigger.WithIdentity("deliver-notifications-trigger", "onetimesecret"), delivery.DeliveryIntervalSeconds),
                    job => job.WithIdentity(DeliverNotificationsJob.Key));
            }
        });
        services.AddQuartzHostedService(options =>
        {
            options.AwaitApplicationStarted = true;
            options.WaitForJobsToComplete = true;
        });
        return services;
    }

    private static ITriggerConfigurator Every(ITriggerConfigurator trigger, int seconds) =>
        trigger
            .StartNow()
            .WithSimpleSchedule(schedule => schedule
                .WithIntervalInSeconds(Math.Max(1, seconds))
                .RepeatForever()
                .WithMisfireHandlingInstructionNextWithRemainingCount());
}
