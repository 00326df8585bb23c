using System.Globalization;

namespace OneTimeSecret.LoadTest;

public enum LoadMode
{
    /// <summary>Each client loops: share a secret, then reveal it.</summary>
    Pair,

    /// <summary>Each client only shares secrets.</summary>
    Create,

    /// <summary>A pool of secrets is created first; then each client only reveals.</summary>
    Reveal,

    /// <summary>Like <see cref="Pair"/>, but a share of the pairs use a passphrase (bcrypt on both calls).</summary>
    Mix,
}

/// <summary>Command-line options of the load generator.</summary>
public sealed class LoadTestOptions
{
    public const string Usage = """
        Usage: OneTimeSecret.LoadTest --url <base-url> [options]

          --url <url>               Base URL of the service, for example http://127.0.0.1:5000 (required)
          --clients <n>             Concurrent clients (default 32)
          --duration <seconds>      Measured run time (default 20)
          --warmup <seconds>        Unmeasured warm-up before the run, with pairs (default 5; 0 for none)
          --mode <mode>             pair (default): share a secret then reveal it, in a loop
                                    create: share only
                                    reveal: create --pool secrets first, then reveal only
                                    mix: pairs, --passphrase-percent of them with a passphrase
          --secret-bytes <n>        Size of each secret (default 1024)
          --pool <n>                Secrets created before a reveal run (default 2000 per second of --duration)
          --passphrase-percent <n>  Pairs with a passphrase in mix mode (default 10)
          --summary <file>          Also write the results as key=value lines to this file
          --server-pid <pid>        Also report the CPU time this (local) process used during the run
        """;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:5000");

    public int Clients { get; private set; } = 32;

    public int DurationSeconds { get; private set; } = 20;

    public int WarmupSeconds { get; private set; } = 5;

    public LoadMode Mode { get; private set; } = LoadMode.Pair;

    public int SecretBytes { get; private set; } = 1024;

    private int? _poolSize;

    /// <summary>Enough for about 2,000 reveals a second unless given.</summary>
    public int PoolSize => _poolSize ?? Math.Max(1_000, DurationSeconds * 2_000);

    public int PassphrasePercent { get; private set; } = 10;

    public string? SummaryFile { get; private set; }

    public int? ServerPid { get; private set; }

    /// <summary>Parses the arguments; <paramref name="error"/> says what is wrong when it returns <c>null</c>.</summary>
    public static LoadTestOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LoadTestOptions();
        var urlGiven = false;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error = string.Empty;
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--url":
                    if (!Uri.TryCreate(value.TrimEnd('/') + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    {
                        error = $"--url: '{value}' is not an absolute http(s) URL";
                        return null;
                    }

                    options.BaseUrl = url;
                    urlGiven = true;
                    break;
                case "--clients":
                    options.Clients = PositiveInt(name, value, 1, 4096, ref error);
                    break;
                case "--duration":
                    options.DurationSeconds = PositiveInt(name, value, 1, 3600, ref error);
                    break;
                case "--warmup":
                    options.WarmupSeconds = PositiveInt(name, value, 0, 600, ref error);
                    break;
                case "--secret-bytes":
                    options.SecretBytes = PositiveInt(name, value, 1, 100_000, ref error);
                    break;
                case "--pool":
                    options._poolSize = PositiveInt(name, value, 1, 10_000_000, ref error);
                    break;
                case "--passphrase-percent":
                    options.PassphrasePercent = PositiveInt(name, value, 0, 100, ref error);
                    break;
                case "--mode":
                    if (!Enum.TryParse<LoadMode>(value, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
                    {
                        error = $"--mode: '{value}' is not one of pair, create, reveal, mix";
                        return null;
                    }

                    options.Mode = mode;
                    break;
                case "--server-pid":
                    options.ServerPid = PositiveInt(name, value, 1, int.MaxValue, ref error);
                    break;
                case "--summary":
                    options.SummaryFile = value;
                    break;
                default:
                    error = $"unknown option {name}";
                    return null;
            }

            if (error is not null)
            {
                return null;
            }
        }

        if (!urlGiven)
        {
            error = "--url is required";
            return null;
        }

        return options;
    }

    private static int PositiveInt(string name, string value, int min, int max, ref string? error)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        error = $"{name}: expected a whole number from {min} to {max}, got '{value}'";
        return 0;
    }
}
