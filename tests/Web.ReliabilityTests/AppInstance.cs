using System.Collections.Concurrent;
using System.Diagnostics;
using OneTimeSecret.TestSupport;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// The published app as a real process (Kestrel on a loopback port, production settings, PostgreSQL), which a
/// test can kill and start again. Its output is kept for the log scan.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    private static readonly ConcurrentQueue<string> AllOutput = new();

    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public AppInstance(string connectionString, IDictionary<string, string>? settings = null)
    {
        Port = PostgresCluster.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString(),
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Encryption__MasterKey"] = TestDatabase.MasterKey,
            ["Encryption__BcryptWorkFactor"] = "10",
            ["RateLimits__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    private AppInstance(IReadOnlyDictionary<string, string> environment)
    {
        Port = PostgresCluster.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _environment = new Dictionary<string, string>(environment) { ["ASPNETCORE_HTTP_PORTS"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    /// <summary>
    /// The app with exactly <paramref name="environment"/> (as a container runs it) and nothing the tests add, on a
    /// free port given the way the container images give it (<c>ASPNETCORE_HTTP_PORTS</c>).
    /// </summary>
    public static AppInstance WithExactly(IReadOnlyDictionary<string, string> environment) => new(environment);

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The folder the process starts in: never the app's own, as an operator's shell or service manager would.</summary>
    public string WorkingDirectory { get; init; } = Path.GetTempPath();

    /// <summary>Everything every app process wrote to its standard output and error.</summary>
    public static IReadOnlyCollection<string> Output => AllOutput;

    public async Task StartAsync()
    {
        _process = Process.Start(StartInfo())!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited at start with code {_process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, AllOutput.TakeLast(30))}");
            }

            try
            {
                if ((await client.GetAsync("/api/v1/status")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The app did not answer within 60 seconds.");
    }

    /// <summary>Runs one of the app's command lines (<c>users</c>, <c>keys</c>, <c>health</c>) with this instance's environment.</summary>
    public async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(params string[] args)
    {
        var start = StartInfo();
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Kills the process at once, as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public HttpClient CreateClient(TimeSpan? timeout = null) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
    {
        BaseAddress = BaseAddress,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OneTimeSecret.Web.dll"));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static void Keep(string? line)
    {
        if (line is not null)
        {
            AllOutput.Enqueue(line);
        }
    }
}
