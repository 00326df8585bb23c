using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OneTimeSecret.Infrastructure.Persistence;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.FunctionalTests;

/// <summary>
/// The whole app in process, on a database of its own (SQLite by default), with a test master key and a clock the
/// test controls.
/// </summary>
public sealed class OneTimeSecretApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly string _environment;

    private OneTimeSecretApp(
        TestDatabase database,
        IDictionary<string, string?>? settings,
        bool ownsDatabase = true,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Testing")
    {
        Database = database;
        _environment = environment;
        _ownsDatabase = ownsDatabase;
        _configureServices = configureServices;
        _settings = database.Settings();

        // Most tests share one app and one client address; the rate-limit tests turn the limits on themselves.
        _settings["RateLimits:Enabled"] = "false";

        // Background jobs stay off unless a test turns them on (it can also send their commands itself), and
        // emails go to a folder of this app's own.
        _settings["Purge:Enabled"] = "false";
        _settings["Smtp:DeliveryEnabled"] = "false";
        _settings["Smtp:PickupDirectory"] = MailFolder;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; }

    /// <summary>Where the app writes its emails as <c>.eml</c> files (no SMTP host is configured in tests).</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), $"ots-mail-{Guid.NewGuid():N}");

    public FakeTimeProvider Clock { get; } = new(Epoch);

    public static async Task<OneTimeSecretApp> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Testing")
    {
        var database = await TestDatabase.CreateAsync(provider);
        var app = new OneTimeSecretApp(database, settings, ownsDatabase: true, configureServices, environment);
        try
        {
            _ = app.Server; // start now, so configuration errors surface in set-up
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>
    /// The app on a database the caller keeps (for tests that restart the app with other settings), and with
    /// services replaced after the app's own.
    /// </summary>
    public static OneTimeSecretApp Start(
        TestDatabase database,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var app = new OneTimeSecretApp(database, settings, ownsDatabase: false, configureServices);
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Quartz keeps one logger factory for the whole process and reads it before a new host replaces it; after an
        // earlier test host was disposed that factory is gone. Forget it, so the new host installs its own.
        Quartz.Logging.LogContext.SetCurrentLogProvider(NullLoggerFactory.Instance);

        builder.UseEnvironment(_environment);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new CapturingLoggerProvider());
        });
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, TestClientAddressStartupFilter>();
            _configureServices?.Invoke(services);
        });
    }

    /// <summary>A client that sends HTTP basic credentials.</summary>
    public HttpClient CreateClient(string custId, string apiToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{custId}:{apiToken}")));
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }
    }
}

/// <summary>
/// The in-process test server has no client address; this lets a test pose as a client at a given address through
/// the <c>X-Test-Client-Address</c> header (test host only).
/// </summary>
internal sealed class TestClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address) && IPAddress.TryParse(address, out var parsed))
            {
                context.Connection.RemoteIpAddress = parsed;
            }

            await nextMiddleware(context);
        });
        next(app);
    };
}
