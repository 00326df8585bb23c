using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Infrastructure.Locking;

namespace OneTimeSecret.Infrastructure.Persistence;

public static class PersistenceServices
{
    /// <summary>The database context of the configured provider, its distributed lock and its health probe.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsAnnotationValidator>(DatabaseOptions.SectionName);
        services.AddSingleton<IValidateOptions<DatabaseOptions>>(new DatabaseOptionsValidator(configuration));

        var database = configuration.ReadOrDefault<DatabaseOptions>(DatabaseOptions.SectionName);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                // When it is missing, DatabaseOptionsValidator stops the start with a clear message before any connection.
                var postgres = PostgresConnectionString(configuration.GetConnectionString("Postgres") ?? string.Empty, database);
                services.AddDbContextPool<ApplicationDbContext, PostgresApplicationDbContext>(options =>
                    options
                        .UseNpgsql(postgres, npgsql => npgsql.CommandTimeout(database.CommandTimeoutSeconds))
                        .AddInterceptors(DatabaseErrorInterceptor.Instance)
                        .ConfigureWarnings(ApplicationDbContext.DemoteErrorEvents));
                services.AddSingleton<IDistributedLock>(new PostgresAdvisoryLock(postgres));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite"), database);
                services.AddDbContextPool<ApplicationDbContext, SqliteApplicationDbContext>(options =>
                    options
                        .UseSqlite(sqlite, sqliteOptions => sqliteOptions.CommandTimeout(database.CommandTimeoutSeconds))
                        .AddInterceptors(DatabaseErrorInterceptor.Instance, SqliteSecureDeleteInterceptor.Instance)
                        .ConfigureWarnings(ApplicationDbContext.DemoteErrorEvents));
                services.AddSingleton<IDistributedLock, InProcessLock>();
                break;
        }

        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<ApplicationDbContext>());
        services.AddScoped<IDatabaseProbe, DatabaseProbe>();
        services.AddScoped<ISecretClaims, SecretClaims>();
        services.AddScoped<ISecretRequestAnswers, SecretRequestAnswers>();
        services.AddScoped<IErasureCompaction, ErasureCompaction>();
        services.AddSingleton<SecretsTableRewrites>();
        return services;
    }

    private static string PostgresConnectionString(string configured, DatabaseOptions database)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var given = GivenKeywords(builder);

        // Only the connect timeout itself (keyword Timeout) counts: Command Timeout, Cancellation Timeout and the like
        // are other settings.
        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.Timeout)))
        {
            builder.Timeout = database.ConnectTimeoutSeconds;
        }

        // The app leaves no session state on a connection (no SET, temporary table, LISTEN or prepared statement unless
        // configured), so a pooled connection needs no DISCARD ALL, which Npgsql would otherwise send before the next
        // statement of every request (see benchmarks/README.md). An explicit setting wins.
        if (!given.Contains("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        // GSS (Kerberos) encryption is Npgsql's default "Prefer": every new connection first looks for libgssapi_krb5,
        // which the .NET container images lack, and logs its absence on every connection. Where Kerberos is used, the
        // connection string says so (Gss Encryption Mode=Prefer or Require) and wins.
        if (!given.Contains("GSS Encryption Mode"))
        {
            builder.GssEncryptionMode = GssEncryptionMode.Disable;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The keywords a connection string sets, in Npgsql's own spelling: parsing maps every accepted spelling
    /// (<c>timeout</c>, <c>NoResetOnClose</c>, ...) to one canonical keyword, and the builder writes back only those set.
    /// </summary>
    private static HashSet<string> GivenKeywords(NpgsqlConnectionStringBuilder parsed)
    {
        var canonical = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = parsed.ConnectionString };
        return new HashSet<string>(canonical.Keys.Cast<string>(), StringComparer.OrdinalIgnoreCase);
    }

    private static string SqliteConnectionString(string? configured, DatabaseOptions database)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnectionString : configured);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            CreatePrivately(builder.DataSource);
        }

        builder.DefaultTimeout = database.CommandTimeoutSeconds;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The database holds ciphertexts, hashes and the data-protection keys: whatever the process umask says, its folder
    /// is created 0700 and the file 0600 (an empty file is a valid SQLite database). SQLite gives the <c>-wal</c> and
    /// <c>-shm</c> files the database file's permissions. Existing folders and files keep the permissions they have.
    /// </summary>
    private static void CreatePrivately(string databaseFile)
    {
        var folder = Path.GetDirectoryName(databaseFile)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!File.Exists(databaseFile))
        {
            try
            {
                using var created = new FileStream(databaseFile, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(databaseFile))
            {
                // Another process (a second instance, the command line) created it meanwhile.
            }
        }
    }
}
