using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OneTimeSecret.TestSupport;

/// <summary>
/// A real Redis for tests: Debian's <c>redis-server</c> on 127.0.0.1 and a free port, with nothing saved to disk. The
/// port is chosen at construction, so a test can stop the server and start it again on the same address. Without
/// redis-server, the tests that need it are ignored with a message saying how to install it.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = PostgresCluster.FreePort();

    /// <summary>The connection string the app takes as <c>RateLimits:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string Binary() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists)
        ?? string.Empty;

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var binary = Binary();
        if (binary.Length == 0)
        {
            Assert.Ignore("Redis tests did not run: redis-server is not installed. Install it with 'apt-get install -y redis-server' (.ci/run does).");
        }

        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} (port {Port} taken?)");
            }

            if (await AnswersPingAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"redis-server did not answer on 127.0.0.1:{Port} within 15 seconds");
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
