using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OneTimeSecret.Application;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Secrets.Commands.ShareSecret;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Infrastructure;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Infrastructure.IntegrationTests;

/// <summary>
/// Runs the application's handlers against a real database of the fixture's provider, through the same service
/// registrations the app uses, with a controllable clock. Tables are emptied before each test.
/// </summary>
public abstract class DatabaseTestBase(DatabaseProvider provider)
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected DatabaseProvider Provider { get; } = provider;

    /// <summary>The clock's time when the current test started (the clock only moves forward).</summary>
    protected DateTimeOffset TestStart { get; private set; }

    protected TestDatabase Database { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    /// <summary>Every line the app logged during the fixture, so tests can check what never appears in a log.</summary>
    protected CollectingLoggerProvider Logs { get; } = new();

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        Database = await TestDatabase.CreateAsync(Provider);
        Clock = new FakeTimeProvider(Start);
        Services = BuildServiceProvider(Clock);
        await Services.InitialiseDatabaseAsync();
    }

    /// <summary>Settings added to (or replacing) the database's, for fixtures that need more configuration.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>();

    /// <summary>
    /// The app's services on this fixture's database, as one instance of the app would have them. A second call
    /// gives a second instance on the same database.
    /// </summary>
    protected ServiceProvider BuildServiceProvider(TimeProvider clock, IDictionary<string, string?>? overrides = null)
    {
        var settings = Database.Settings();

        // These tests share anonymously with recipients to test delivery; who may send is tested in Application and Web.
        settings["Secrets:AllowAnonymousRecipients"] = "true";
        foreach (var (key, value) in ExtraSettings().Concat(overrides ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddApplicationServices()
            .AddInfrastructureServices(configuration);
        services.AddSingleton(clock);

        // The per-client budget of passphrase checks is tested on its own; here it never runs out.
        services.AddSingleton<IPassphraseAttemptLimiter, UnlimitedPassphraseAttempts>();
        ConfigureServices(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Replaces services at the edges (for example the email sender) after the app's own registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    [OneTimeTearDown]
    public async Task DropDatabaseAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    [SetUp]
    public async Task EmptyTablesAsync()
    {
        Clock.Advance(TimeSpan.FromDays(100));
        TestStart = Clock.GetUtcNow();
        Logs.Clear();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.EmailNotifications.ExecuteDeleteAsync();
        await db.SecretRequests.ExecuteDeleteAsync();
        await db.ApiTokens.ExecuteDeleteAsync();
        await db.Customers.ExecuteDeleteAsync();
        await db.Secrets.ExecuteDeleteAsync();
    }

    /// <summary>Runs one handler in a scope of its own, as one request would.</summary>
    protected async Task<TResult> HandleAsync<THandler, TResult>(Func<THandler, ValueTask<TResult>> call)
        where THandler : class
    {
        await using var scope = Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider);
        return await call(handler);
    }

    /// <summary>The client every test reveal comes from.</summary>
    protected const string TestClient = "address:192.0.2.1";

    /// <summary>The public base URL the tests' share links start with.</summary>
    protected const string ShareUrlBase = "https://ots.test";

    protected Task<CreatedSecret> ShareAsync(
        string value,
        string? passphrase = null,
        long? ttl = null,
        Requester? requester = null,
        IReadOnlyList<string>? recipients = null) =>
        HandleAsync<ShareSecretCommandHandler, CreatedSecret>(handler => handler.Handle(
            new ShareSecretCommand(requester ?? Requester.Anonymous, value, passphrase, ttl, recipients ?? [], null, ShareUrlBase),
            CancellationToken.None));
}
