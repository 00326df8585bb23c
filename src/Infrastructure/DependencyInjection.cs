using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Infrastructure.Crypto;
using OneTimeSecret.Infrastructure.Persistence;

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
        services.AddSingleton<ISecretCipher, AesGcmSecretCipher>();
        services.AddSingleton<IKeyHasher, Sha256KeyHasher>();
        services.AddSingleton<IKeyGenerator, RandomKeyGenerator>();
        services.AddSingleton<IPassphraseHasher, BCryptPassphraseHasher>();
        return services;
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
                        .AddInterceptors(DatabaseErrorInterceptor.Instance));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, database);
                services.AddDbContextPool<ApplicationDbContext, SqliteApplicationDbContext>(options =>
                    options
                        .UseSqlite(sqlite, sqliteOptions => sqliteOptions.CommandTimeout(database.CommandTimeoutSeconds))
                        .AddInterceptors(DatabaseErrorInterceptor.Instance));
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

        return builder.ConnectionString;
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
