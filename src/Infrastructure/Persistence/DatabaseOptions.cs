using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database to use, from the <c>Database</c> section and <c>ConnectionStrings</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string DefaultSqliteConnectionString = "Data Source=data/onetimesecret.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seconds to wait for a connection before answering "service unavailable".</summary>
    [Range(1, 120)]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Seconds a single statement may run.</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 15;
}

/// <summary>The data-annotation checks of <see cref="DatabaseOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class DatabaseOptionsAnnotationValidator : IValidateOptions<DatabaseOptions>;
