using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OneTimeSecret.TestSupport;

/// <summary>
/// A PostgreSQL cluster of the tests' own: <c>initdb</c> into a temporary folder, a server on a free loopback port
/// (trust authentication for the superuser <c>postgres</c>, 400 connections, no fsync), stopped and deleted on
/// dispose. Needs PostgreSQL's server binaries (Debian's <c>postgresql</c> package, or the folder named by
/// <c>OTS_TEST_POSTGRES_BIN</c>). PostgreSQL refuses to run as root, so as root the server runs as the
/// <c>postgres</c> user.
/// </summary>
/// <remarks>
/// The folder is removed by a small watchdog shell started with the cluster: it waits for the end of its standard
/// input, which comes when this object is disposed and also when the test process ends in any other way (a failed
/// run, a crash, a kill), and then stops the server and deletes the folder. Cleaning up therefore never depends on a
/// tear-down being reached.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable, IDisposable
{
    /// <summary>Names a folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>, for machines without Debian's layout.</summary>
    public const string BinariesVariable = "OTS_TEST_POSTGRES_BIN";

    private const string DebianRoot = "/usr/lib/postgresql";

    private const string WatchdogScript =
        """
        trap '' INT TERM HUP
        cat >/dev/null
        folder=$1
        shift
        "$@" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1
        rm -rf "$folder"
        """;

    private readonly string _binaries;
    private readonly string _folder;
    private readonly Process _watchdog;
    private bool _disposed;
    private string _serverOptions = "";

    private PostgresCluster(string binaries, string folder, Process watchdog)
    {
        _binaries = binaries;
        _folder = folder;
        _watchdog = watchdog;
    }

    public int Port { get; private set; }

    /// <summary>The cluster's temporary folder (data, socket and server log), gone once the cluster is disposed.</summary>
    public string Folder => _folder;

    private string DataFolder => Path.Combine(_folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The superuser's connection string to <paramref name="database"/> (trust authentication, no password).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Why no cluster can be started on this machine, or <see langword="null"/> when one can.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return "starting a PostgreSQL server of the tests' own is only supported on Linux and macOS";
        }

        if (FindBinaries() is null)
        {
            return $"no PostgreSQL server binaries were found (initdb, pg_ctl and postgres under {DebianRoot}/<version>/bin, "
                + $"or in the folder named by {BinariesVariable}); install Debian's postgresql package";
        }

        if (IsRoot && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            return "the tests run as root, and PostgreSQL refuses to; a 'postgres' user to run the server as does not exist";
        }

        return null;
    }

    /// <summary>
    /// Starts a new cluster, or ignores the current test (or fixture) with the reason when this machine cannot run one.
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(string ignoredWhat = "PostgreSQL tests did not run")
    {
        var reason = WhyUnavailable();
        if (reason is not null)
        {
            Assert.Ignore($"{ignoredWhat}: {reason}.");
        }

        return await CreateAsync(cluster => cluster.RunToolAsync(
            "initdb", "-D", cluster.DataFolder, "-A", "trust", "-U", "postgres", "--no-sync"));
    }

    /// <summary>
    /// A streaming standby of this cluster: a base backup taken over replication (initdb's trust rules allow it on
    /// loopback), started on a port of its own, connecting to this server as <paramref name="name"/> (its
    /// <c>cluster_name</c>, which is what <c>synchronous_standby_names</c> lists).
    /// </summary>
    public Task<PostgresCluster> StartStandbyAsync(string name) => CreateAsync(
        standby => standby.RunToolAsync(
            "pg_basebackup", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-D", standby.DataFolder, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"),
        $"-c cluster_name={name}");

    /// <summary>Ends a standby's recovery: from now on it is a primary that takes writes.</summary>
    public Task PromoteAsync() => RunToolAsync("pg_ctl", "-D", DataFolder, "-w", "-t", "60", "promote");

    /// <summary>Runs one statement as the superuser on the <c>postgres</c> database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> CreateAsync(Func<PostgresCluster, Task> makeDataFolder, string serverOptions = "")
    {
        var binaries = FindBinaries()!;
        var folder = Path.Combine(Path.GetTempPath(), $"ots-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(binaries, folder, StartWatchdog(binaries, folder)) { _serverOptions = serverOptions };
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", "postgres", folder);
            }

            await makeDataFolder(cluster);

            // The port is free when chosen but may be taken before the server binds it (other test processes start
            // servers too): try a few.
            for (var attempt = 1; ; attempt++)
            {
                cluster.Port = FreePort();
                try
                {
                    await cluster.StartServerAsync();
                    break;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public Task StartServerAsync() => RunToolAsync(
        "pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off {_serverOptions}", "start");

    /// <summary>Stops the server at once, cutting every connection, as a crash or a restart would.</summary>
    public Task StopServerAsync() => RunToolAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");

    /// <summary>Stops the server (if running) and deletes the cluster's folder; waits until both are done.</summary>
    public void Dispose()
    {
        if (BeginDispose())
        {
            _watchdog.WaitForExit(TimeSpan.FromSeconds(60));
            _watchdog.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (BeginDispose())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _watchdog.WaitForExitAsync(timeout.Token);
            _watchdog.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Tells the watchdog to clean up (the end of its input); false when that was done already.</summary>
    private bool BeginDispose()
    {
        if (_disposed)
        {
            return false;
        }

        _disposed = true;
        NpgsqlConnection.ClearAllPools();
        _watchdog.StandardInput.Close();
        return true;
    }

    private static string? FindBinaries()
    {
        static bool HasServer(string folder) =>
            new[] { "initdb", "pg_ctl", "postgres" }.All(tool => File.Exists(Path.Combine(folder, tool)));

        var configured = Environment.GetEnvironmentVariable(BinariesVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured) ? configured : null;
        }

        return Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(HasServer)
                .OrderBy(folder => int.TryParse(Path.GetFileName(Path.GetDirectoryName(folder)), out var major) ? major : 0)
                .LastOrDefault()
            : null;
    }

    private static Process StartWatchdog(string binaries, string folder)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in (string[])["-c", WatchdogScript, "ots-pg-watchdog", folder, .. ToolCommand(binaries, "pg_ctl")])
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
    }

    /// <summary>The command line that runs one of the server's tools, as the <c>postgres</c> user when we are root.</summary>
    private static string[] ToolCommand(string binaries, string tool) =>
        IsRoot ? ["runuser", "-u", "postgres", "--", Path.Combine(binaries, tool)] : [Path.Combine(binaries, tool)];

    private Task RunToolAsync(string tool, params string[] args)
    {
        var command = ToolCommand(_binaries, tool);
        return RunAsync(command[0], [.. command[1..], .. args]);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {await output}{await errors}");
        }
    }
}
