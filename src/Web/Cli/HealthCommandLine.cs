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

    /// <summary>
    /// Where the server on this machine listens, read as ASP.NET Core reads it: the first <c>http://</c> address of
    /// <c>ASPNETCORE_URLS</c> (or <c>DOTNET_URLS</c>), which wins over <c>ASPNETCORE_HTTP_PORTS</c> (as the container
    /// images set it), else port 8080. A wildcard or <c>localhost</c> host is asked on 127.0.0.1.
    /// </summary>
    internal static Uri LocalBaseUrl(Func<string, string?> environment)
    {
        var urls = FirstSet(environment, "ASPNETCORE_URLS", "DOTNET_URLS");
        var httpUrl = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (httpUrl is not null)
        {
            return Loopback(httpUrl);
        }

        var ports = FirstSet(environment, "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS");
        var port = ports?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new Uri($"http://127.0.0.1:{(string.IsNullOrEmpty(port) ? "8080" : port)}");
    }

    private static Uri LocalBaseUrl() => LocalBaseUrl(Environment.GetEnvironmentVariable);

    private static string? FirstSet(Func<string, string?> environment, params string[] names) =>
        names.Select(environment).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    /// <summary><c>http://+:5000</c>, <c>http://*:5000</c>, <c>http://0.0.0.0:5000</c>, <c>http://[::]:5000</c> and
    /// <c>http://localhost:5000</c> are all asked on 127.0.0.1; a named address is asked where it is.</summary>
    private static Uri Loopback(string url)
    {
        var authority = url["http://".Length..].Split('/')[0];
        var portSeparator = authority.LastIndexOf(':');
        var hasPort = portSeparator >= 0 && !authority[portSeparator..].Contains(']', StringComparison.Ordinal);
        var host = hasPort ? authority[..portSeparator] : authority;
        var port = hasPort ? authority[(portSeparator + 1)..] : "80";
        if (host is "+" or "*" or "0.0.0.0" or "[::]" or "" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            host = "127.0.0.1";
        }

        return new Uri($"http://{host}:{port}");
    }
}
