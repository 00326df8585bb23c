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
        services.AddOptions<EncryptionOptions>().BindConfiguration(EncryptionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();

        AddDatabase(services, configuration);

        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<ISecretCipher, AesGcmSecretCipher>();
        services.AddSingleton<IKeyHasher, Sha256KeyHasher>();
        services.AddSingleton<IKeyGenerator, RandomKeyGenerator>();
        services.AddSingleton<IPassphraseHasher, BCryptPassphraseHasher>();
        return services;
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = PostgresConnectionString(configuration, database);
                services.AddDbContextPool<ApplicationDbContext, PostgresApplicationDbContext>(options =>
                    options.UseNpgsql(postgres, npgsql => npgsql.CommandTimeout(database.CommandTimeoutSeconds)));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, database);
                services.AddDbContextPool<ApplicationDbContext, SqliteApplicationDbContext>(options =>
                    options.UseSqlite(sqlite, sqliteOptions => sqliteOptions.CommandTimeout(database.CommandTimeoutSeconds)));
                break;
        }

        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<IDatabaseProbe, DatabaseProbe>();
    }

    private static string PostgresConnectionString(IConfiguration configuration, DatabaseOptions database)
    {
        var configured = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but ConnectionStrings:Postgres is not set "
                + "(environment variable ConnectionStrings__Postgres).");
        }

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
