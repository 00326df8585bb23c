using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneTimeSecret.Infrastructure.Persistence;

namespace OneTimeSecret.Infrastructure.IntegrationTests.Persistence;

/// <summary>The defaults the app adds to a PostgreSQL connection string; no server is needed to read them.</summary>
public sealed class PostgresConnectionStringTests
{
    [Test]
    public async Task ShouldNotResetPooledConnections_WhenTheConnectionStringDoesNotSay()
    {
        var builder = await EffectiveAsync("Host=db.example;Username=ots;Password=x;Database=ots");

        Assert.That(builder.NoResetOnClose, Is.True);
        Assert.That(builder.Timeout, Is.EqualTo(new DatabaseOptions().ConnectTimeoutSeconds));
    }

    [TestCase("No Reset On Close=false")]
    [TestCase("NoResetOnClose=false")]
    public async Task ShouldKeepAnExplicitSetting_WhenTheConnectionStringHasOne(string setting)
    {
        var builder = await EffectiveAsync($"Host=db.example;Username=ots;Password=x;Database=ots;{setting}");

        Assert.That(builder.NoResetOnClose, Is.False);
    }

    [Test]
    public async Task ShouldNotAskForGssEncryption_WhenTheConnectionStringDoesNotSay()
    {
        var builder = await EffectiveAsync("Host=db.example;Username=ots;Password=x;Database=ots");

        Assert.That(builder.GssEncryptionMode, Is.EqualTo(GssEncryptionMode.Disable));
    }

    [TestCase("Gss Encryption Mode=Require", GssEncryptionMode.Require)]
    [TestCase("GssEncryptionMode=Prefer", GssEncryptionMode.Prefer)]
    public async Task ShouldKeepTheGssEncryptionMode_WhenTheConnectionStringSetsOne(string setting, GssEncryptionMode expected)
    {
        var builder = await EffectiveAsync($"Host=db.example;Username=ots;Password=x;Database=ots;{setting}");

        Assert.That(builder.GssEncryptionMode, Is.EqualTo(expected));
    }

    [Test]
    public async Task ShouldKeepEveryHost_WhenTheConnectionStringNamesSeveral()
    {
        var builder = await EffectiveAsync("Host=db1.example,db2.example:5433;Target Session Attributes=primary;Username=ots;Password=x;Database=ots");

        Assert.That(builder.Host, Is.EqualTo("db1.example,db2.example:5433"));
        Assert.That(builder.TargetSessionAttributes, Is.EqualTo("primary"));
    }

    [TestCase("Command Timeout=30")]
    [TestCase("CommandTimeout=30")]
    [TestCase("Cancellation Timeout=2000")]
    [TestCase("Connection Idle Lifetime=60")]
    public async Task ShouldApplyTheConfiguredConnectTimeout_WhenTheConnectionStringSetsOnlyAnotherTimeout(string setting)
    {
        var builder = await EffectiveAsync($"Host=db.example;Username=ots;Password=x;Database=ots;{setting}", connectTimeoutSeconds: 7);

        Assert.That(builder.Timeout, Is.EqualTo(7));
    }

    [TestCase("Timeout=3")]
    [TestCase("timeout = 3")]
    [TestCase("TIMEOUT=3")]
    public async Task ShouldKeepTheConnectionStringsConnectTimeout_WhenItSetsOne(string setting)
    {
        var builder = await EffectiveAsync($"Host=db.example;Username=ots;Password=x;Database=ots;{setting};Command Timeout=30", connectTimeoutSeconds: 7);

        Assert.That(builder.Timeout, Is.EqualTo(3));
        Assert.That(builder.CommandTimeout, Is.EqualTo(30));
    }

    private static async Task<NpgsqlConnectionStringBuilder> EffectiveAsync(string configured, int? connectTimeoutSeconds = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = configured,
        };
        if (connectTimeoutSeconds is { } seconds)
        {
            settings["Database:ConnectTimeoutSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddInfrastructureServices(configuration)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
    }
}
