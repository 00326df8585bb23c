using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.TestSupport;

/// <summary>A database of either provider for one fixture, with the configuration that points the app at it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>A fixed master key for tests (never used anywhere else).</summary>
    public const string MasterKey = "dGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzLWxvbmchISE=";

    private readonly SqliteTestDatabase? _sqlite;
    private readonly PostgresTestDatabase? _postgres;

    private TestDatabase(DatabaseProvider provider, SqliteTestDatabase? sqlite, PostgresTestDatabase? postgres)
    {
        Provider = provider;
        _sqlite = sqlite;
        _postgres = postgres;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString => _sqlite?.ConnectionString ?? _postgres!.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new TestDatabase(provider, null, await PostgresTestDatabase.CreateAsync()),
        _ => new TestDatabase(provider, new SqliteTestDatabase(), null),
    };

    /// <summary>The settings that make the app use this database, a test master key and a fast bcrypt.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        [$"ConnectionStrings:{Provider}"] = ConnectionString,
        ["Encryption:MasterKey"] = MasterKey,
        ["Encryption:BcryptWorkFactor"] = "10",
    };

    public async ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
