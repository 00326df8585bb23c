using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OneTimeSecret.Web.ReliabilityTests;

/// <summary>
/// A PostgreSQL server of the test's own (a fresh cluster in a temporary folder, on a free loopback port), so that
/// a test can stop and start it without disturbing anything else. Needs Debian's PostgreSQL server binaries and root
/// (the server runs as the <c>postgres</c> user).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _folder;

    private PrivatePostgres(string binaries, string folder, int port)
    {
        _binaries = binaries;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "onetimesecret") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3;Command Timeout=10;Maximum Pool Size=100";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")).LastOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (binaries is null || !OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Ignore("Reliability tests did not run: they start a PostgreSQL server of their own, which needs Debian's "
                + "postgresql package and root (.ci/run provides both).");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"ots-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await RunAsync("chown", "postgres", folder);
        var server = new PrivatePostgres(binaries!, folder, FreePort());
        await server.RunAsPostgresAsync("initdb", "-D", server.DataFolder, "-A", "trust", "-U", "postgres", "--no-sync");
        await server.StartServerAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE onetimesecret", connection);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public Task StartServerAsync() => RunAsPostgresAsync(
        "pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off", "start");

    /// <summary>Stops the server at once, cutting every connection, as a crash or a restart would.</summary>
    public Task StopServerAsync() => RunAsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task RunAsPostgresAsync(string tool, params string[] args) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. args]);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
