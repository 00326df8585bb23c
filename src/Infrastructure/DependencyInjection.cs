using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.DataProtection;
using OneTimeSecret.Infrastructure.Jobs;
using OneTimeSecret.Infrastructure.Locking;
using OneTimeSecret.Infrastructure.Mail;
using OneTimeSecret.Infrastructure.Persistence;
using Quartz;

namespace OneTimeSecret.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructureServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(new DatabaseOptionsValidator(configuration));
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();

        AddDatabase(services, configuration);

        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<IMasterKeys>(provider => provider.GetRequiredService<MasterKeyRing>());
        services.AddSingleton<AesGcmSecretCipher>();
        services.AddSingleton<ISecretCipher>(provider => provider.GetRequiredService<AesGcmSecretCipher>());

        // Cookies and antiforgery tokens must verify on every instance: the keys live in the shared database,
        // encrypted under the master key.
        services.AddDataProtection()
            .SetApplicationName("OneTimeSecret")
            .PersistKeysToDbContext<ApplicationDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<AesGcmSecretCipher>((keyManagement, cipher) => keyManagement.XmlEncryptor = new MasterKeyXmlEncryptor(cipher));
        services.AddSingleton<IKeyHasher, Sha256KeyHasher>();
        services.AddSingleton<IKeyGenerator, RandomKeyGenerator>();
        services.AddSingleton<IPassphraseHasher, BCryptPassphraseHasher>();

        AddMail(services, configuration);
        return services;
    }

    /// <summary>
    /// The background duties of a running server, on Quartz: the purge of expired data and the delivery of the
    /// email outbox, each switched on or off by configuration. The command line does not call this.
    /// </summary>
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var purge = ReadOptions<PurgeOptions>(configuration, PurgeOptions.SectionName);
        var delivery = ReadOptions<EmailDeliveryOptions>(configuration, EmailDeliveryOptions.SectionName);
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
                    trigger => trigger
                        .WithIdentity("purge-expired-trigger", "onetimesecret")
                        .StartNow()
                        .WithSimpleSchedule(schedule => schedule
                            .WithIntervalInSeconds(Math.Max(1, purge.IntervalSeconds))
                            .RepeatForever()
                            .WithMisfireHandlingInstructionNextWithRemainingCount()),
                    job => job.WithIdentity(PurgeExpiredJob.Key));
            }

            if (delivery.DeliveryEnabled)
            {
                quartz.ScheduleJob<DeliverNotificationsJob>(
                    trigger => trigger
                        .WithIdentity("deliver-notifications-trigger", "onetimesecret")
                        .StartNow()
                        .WithSimpleSchedule(schedule => schedule
                            .WithIntervalInSeconds(Math.Max(1, delivery.DeliveryIntervalSeconds))
                            .RepeatForever()
                            .WithMisfireHandlingInstructionNextWithRemainingCount()),
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

    /// <summary>
    /// Settings needed while registering services. A value that cannot be read is left to the options validation at
    /// start-up, which stops the host with a message naming the setting.
    /// </summary>
    private static T ReadOptions<T>(IConfiguration configuration, string sectionName)
        where T : new()
    {
        try
        {
            return configuration.GetSection(sectionName).Get<T>() ?? new T();
        }
        catch (InvalidOperationException)
        {
            return new T();
        }
    }

    private static void AddMail(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        if (string.IsNullOrWhiteSpace(configuration[$"{SmtpOptions.SectionName}:{nameof(SmtpOptions.Host)}"]))
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        var database = ReadDatabaseOptions(configuration);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionString(configuration, database);
                services.AddDbContextPool<ApplicationDbContext, PostgresApplicationDbContext>(options =>
                    options
                        .UseNpgsql(postgres, npgsql => npgsql.CommandTimeout(database.CommandTimeoutSeconds))
                        .AddInterceptors(DatabaseErrorInterceptor.Instance)
                        .ConfigureWarnings(ApplicationDbContext.DemoteErrorEvents));
                services.AddSingleton<IDistributedLock>(new PostgresAdvisoryLock(postgres));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, database);
                services.AddDbContextPool<ApplicationDbContext, SqliteApplicationDbContext>(options =>
                    options
                        .UseSqlite(sqlite, sqliteOptions => sqliteOptions.CommandTimeout(database.CommandTimeoutSeconds))
                        .AddInterceptors(DatabaseErrorInterceptor.Instance)
                        .ConfigureWarnings(ApplicationDbContext.DemoteErrorEvents));
                services.AddSingleton<IDistributedLock, InProcessLock>();
                break;
        }

        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<IDatabaseProbe, DatabaseProbe>();
    }

    /// <summary>
    /// The database settings needed to register the context. A value that cannot be read is left to the options
    /// validation at start-up, which stops the host with a message naming the setting.
    /// </summary>
    private static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException)
        {
            return new DatabaseOptions();
        }
    }

    private static string PostgresConnectionString(IConfiguration configuration, DatabaseOptions database)
    {
        // When it is missing, DatabaseOptionsValidator stops the start with a clear message before any connection.
        var configured = configuration.GetConnectionString("Postgres") ?? string.Empty;
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = database.ConnectTimeoutSeconds;
        }

        // The app leaves no session state on a connection (no SET, temporary table, LISTEN or prepared statement unless
        // configured), so a pooled connection needs no DISCARD ALL, which Npgsql would otherwise send before the next
        // statement of every request (see benchmarks/README.md). An explicit setting wins.
        if (!Mentions(configured, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, string keyword)
    {
        static string Normalize(string key) => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys;
        return keys.Cast<string>().Any(key => Normalize(key) == Normalize(keyword));
    }

    private static string SqliteConnectionString(IConfiguration configuration, DatabaseOptions database)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnectionString : configured);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.DefaultTimeout = database.CommandTimeoutSeconds;
        return builder.ConnectionString;
    }
}
