using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace OneTimeSecret.TestSupport;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd on 127.0.0.1 and a free port, storing every message it accepts
/// in a Maildir of its own. The port is chosen at construction, so a test can point the app at a server that is
/// not running yet and start it later. Without aiosmtpd, the tests that need it are ignored with a message saying
/// how to install it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    /// <summary>Debian's Python packages load under this interpreter only.</summary>
    public const string Python = "/usr/bin/python3";

    private Process? _process;

    public SmtpTestServer()
    {
        Port = FreePort();
        MailDirectory = Path.Combine(Path.GetTempPath(), $"ots-smtp-{Guid.NewGuid():N}");
    }

    public int Port { get; }

    /// <summary>The Maildir; accepted messages land in its <c>new</c> folder.</summary>
    public string MailDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Settings that make the app send through this server (plain SMTP, no credentials).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "Onetime Secret Tests <noreply@ots.test>",
        ["Smtp:TimeoutSeconds"] = "5",
    };

    public static void RequireAiosmtpd()
    {
        if (!File.Exists(Python))
        {
            Assert.Ignore($"SMTP tests did not run: {Python} is missing. Install python3-aiosmtpd (apt-get install -y python3-aiosmtpd).");
        }

        using var probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true })!;
        probe.WaitForExit();
        if (probe.ExitCode != 0)
        {
            Assert.Ignore("SMTP tests did not run: aiosmtpd is not installed for /usr/bin/python3. "
                + "Install it with 'apt-get install -y python3-aiosmtpd' (.ci/run does).");
        }
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        RequireAiosmtpd();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList =
            {
                "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", MailDirectory,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode} (port {Port} taken?)");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 15 seconds");
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

    /// <summary>Every message the server has accepted so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(MailDirectory, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder)
            .Select(path => (Path: path, Time: File.GetLastWriteTimeUtc(path)))
            .OrderBy(file => file.Time)
            .Select(file => MimeMessage.Load(file.Path))
            .ToList();
    }

    /// <summary>Forgets the messages received so far (the Maildir's folders stay, as the server needs them).</summary>
    public void ClearMessages()
    {
        var folder = Path.Combine(MailDirectory, "new");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Delete(file);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
