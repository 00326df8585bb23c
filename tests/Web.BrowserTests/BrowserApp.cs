using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>
/// The whole app served by Kestrel on 127.0.0.1 and a free port (chosen by the system), on a SQLite database of its
/// own, for a real browser to visit. Stopped and deleted when disposed.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private BrowserApp(TestDatabase database)
    {
        Database = database;
        _settings = database.Settings();

        // Every browser here is the same client address; the budgets are tested by the functional tests.
        _settings["RateLimits:Enabled"] = "false";

        // The share form offers the recipient field to anonymous visitors only when the operator allows it.
        _settings["Secrets:AllowAnonymousRecipients"] = "true";

        // Few passphrase attempts, so a test can use them all up.
        _settings["Secrets:MaxPassphraseAttempts"] = "3";
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public TestDatabase Database { get; }

    /// <summary>The address the app listens on, like <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<BrowserApp> StartAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var app = new BrowserApp(database);
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address");
        app.BaseAddress = new Uri(addresses.Single());
        Assert.That(app.BaseAddress.Host, Is.EqualTo("127.0.0.1"), "the app listens on the loopback address only");
        return app;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Quartz keeps one logger factory for the whole process; after an earlier test host was disposed that
        // factory is gone. Forget it, so this host installs its own.
        Quartz.Logging.LogContext.SetCurrentLogProvider(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
