using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// A fresh data folder, as on a first start outside systemd (umask 022): nobody but the service's user may read the
/// database or its write-ahead log.
/// </summary>
[Platform(Exclude = "Win")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFilePermissionsTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private string _root = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), $"ots-perm-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
    }

    [TearDown]
    public void DeleteRoot()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task ShouldCreateTheDataFolderAndDatabaseForTheOwnerOnly_WhenTheDataFolderIsNew()
    {
        var folder = Path.Combine(_root, "data");
        var database = Path.Combine(folder, "onetimesecret.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={database}",
            ["Encryption:MasterKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddInfrastructureServices(configuration)
            .BuildServiceProvider();

        await services.InitialiseDatabaseAsync();
        await using (var scope = services.CreateAsyncScope())
        {
            // A write while the connection stays open leaves the -wal and -shm files in place.
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE probe (x INTEGER); INSERT INTO probe VALUES (1);");

            Assert.Multiple(() =>
            {
                Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(OwnerOnlyFolder), "data/");
                Assert.That(File.GetUnixFileMode(database), Is.EqualTo(OwnerOnlyFile), "the database");
                Assert.That(File.GetUnixFileMode(database + "-wal"), Is.EqualTo(OwnerOnlyFile), "its -wal");
                Assert.That(File.GetUnixFileMode(database + "-shm"), Is.EqualTo(OwnerOnlyFile), "its -shm");
            });
        }
    }
}
