using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Infrastructure.Persistence;

/// <summary>Stops start-up when the chosen provider has no connection string.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")))
        {
            return ValidateOptionsResult.Fail(
                "Database:Provider is Postgres but ConnectionStrings:Postgres is not set (environment variable ConnectionStrings__Postgres).");
        }

        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Database:Provider must be Sqlite or Postgres.");
        }

        return ValidateOptionsResult.Success;
    }
}
