using System.CommandLine;

namespace OneTimeSecret.Web.Cli;

/// <summary>
/// <c>OneTimeSecret.Web health [live|ready]</c>: asks the running server on this machine for its health and exits 0
/// when it is healthy. For container health checks in images without curl.
/// </summary>
public static class HealthCommandLine
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "health";

    public static Task<int> RunAsync(string[] args, TextWriter? errors = null, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        errors ??= Console.Error;
        output ??= Console.Out;
        var probe = new Argument<string>("probe")
        {
            Description = "live: the process answers; ready: it can also reach its database",
            HelpName = "live|ready",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "live",
        };
        probe.AcceptOnlyFromAmong("live", "ready");
        var verb = new Command("health", "ask the server running on this machine for its health; exit code 0 when healthy") { probe };
        verb.SetAction((parsed, _) => ProbeAsync(
            parsed.GetValue(probe) == "ready" ? Operations.HealthEndpoints.ReadyPath : Operations.HealthEndpoints.LivePath,
            errors));
        return CommandLineParsing.InvokeAsync(verb, args, output, errors);
    }

    private static async Task<int> ProbeAsync(string path, TextWriter errors)
    {
        var url = new Uri(LocalBaseUrl(), path);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await errors.WriteLineAsync($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await errors.WriteLineAsync($"{url}: {exception.Message}");
            return 1;
        }
    }

    /// <summary>The first HTTP port the server listens on (ASPNETCORE_HTTP_PORTS, as the container images set it).</summary>
    private static Uri LocalBaseUrl()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
        var port = ports?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new Uri($"http://127.0.0.1:{(string.IsNullOrEmpty(port) ? "8080" : port)}");
    }
}
