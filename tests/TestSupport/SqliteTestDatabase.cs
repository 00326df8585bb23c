using Microsoft.Data.Sqlite;

namespace OneTimeSecret.TestSupport;

/// <summary>A SQLite database file of its own in a temporary folder, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    public SqliteTestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"ots-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "onetimesecret.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing test; the temporary folder is cleaned by the system.
        }
    }
}
