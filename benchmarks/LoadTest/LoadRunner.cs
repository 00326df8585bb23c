using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace OneTimeSecret.LoadTest;

/// <summary>Runs the clients of one load test and collects what each of them measured.</summary>
public sealed class LoadRunner(LoadTestOptions options, ServiceClient client, TextWriter progress)
{
    public const string Share = "share";
    public const string Reveal = "reveal";
    public const string SharePassphrase = "share+passphrase";
    public const string RevealPassphrase = "reveal+passphrase";

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private long _pairs;
    private long _calls;
    private long _failures;

    /// <summary>Secret keys created before a reveal-only run, with the client that knows their value.</summary>
    private readonly ConcurrentQueue<(string Key, int Client)> _pool = new();

    private ClientState[] _clients = [];

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var clients = Enumerable.Range(0, options.Clients).Select(NewClientState).ToArray();
        _clients = clients;

        if (options.WarmupSeconds > 0)
        {
            progress.WriteLine($"Warming up for {options.WarmupSeconds} s with {options.Clients} clients (pairs)...");
            await RunPhaseAsync(clients, LoadMode.Pair, TimeSpan.FromSeconds(options.WarmupSeconds), "warm-up", cancellationToken);
        }

        if (options.Mode == LoadMode.Reveal)
        {
            progress.WriteLine($"Creating a pool of {options.PoolSize} secrets...");
            await FillPoolAsync(clients, cancellationToken);
        }

        foreach (var state in clients)
        {
            state.Recorders.Clear();
        }

        Interlocked.Exchange(ref _pairs, 0);
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _failures, 0);
        client.ErrorKinds.Clear();

        progress.WriteLine($"Running {options.Mode.ToString().ToLowerInvariant()} for {options.DurationSeconds} s with {options.Clients} clients...");
        var serverCpuBefore = CpuTime.OfProcess(options.ServerPid);
        var ownCpuBefore = CpuTime.OfCurrentProcess();
        var elapsed = await RunPhaseAsync(clients, options.Mode, TimeSpan.FromSeconds(options.DurationSeconds), "run", cancellationToken);
        var serverCpu = CpuTime.OfProcess(options.ServerPid) - serverCpuBefore;
        var ownCpu = CpuTime.OfCurrentProcess() - ownCpuBefore;

        var operations = clients
            .SelectMany(c => c.Recorders)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .OrderBy(group => OperationOrder(group.Key))
            .Select(group => LatencyRecorder.Summarise(group.Key, group.Select(pair => pair.Value), elapsed))
            .ToList();
        return new LoadResult(
            options,
            elapsed,
            Interlocked.Read(ref _pairs),
            Interlocked.Read(ref _failures),
            options.Mode == LoadMode.Reveal && _pool.IsEmpty,
            operations,
            client.ErrorKinds.ToDictionary(StringComparer.Ordinal),
            serverCpu,
            ownCpu);
    }

    private ClientState NewClientState(int index)
    {
        // Every client has its own random value, so a reveal can check it got its own secret back.
        var value = RandomNumberGenerator.GetString(Alphabet, options.SecretBytes);
        var passphrase = RandomNumberGenerator.GetString(Alphabet, 16);
        return new ClientState(
            index,
            Encoding.ASCII.GetBytes(value),
            ServiceClient.FormBody(("secret", value)),
            ServiceClient.FormBody(("secret", value), ("passphrase", passphrase)),
            ServiceClient.FormBody(("passphrase", passphrase)));
    }

    private async Task<TimeSpan> RunPhaseAsync(ClientState[] clients, LoadMode mode, TimeSpan duration, string label, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var done = new CancellationTokenSource();
        var reporter = ReportProgressAsync(label, started, duration, done.Token);
        try
        {
            await Task.WhenAll(clients.Select(state => Task.Run(() => ClientLoopAsync(state, mode, deadline, cancellationToken), cancellationToken)));
        }
        finally
        {
            await done.CancelAsync();
            await reporter;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>One client: starts a new unit of work until the deadline, then lets the one in flight finish.</summary>
    private async Task ClientLoopAsync(ClientState state, LoadMode mode, long deadline, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            switch (mode)
            {
                case LoadMode.Pair:
                    await PairAsync(state, withPassphrase: false, cancellationToken);
                    break;
                case LoadMode.Mix:
                    await PairAsync(state, withPassphrase: Random.Shared.Next(100) < options.PassphrasePercent, cancellationToken);
                    break;
                case LoadMode.Create:
                    await ShareAsync(state, withPassphrase: false, cancellationToken);
                    break;
                case LoadMode.Reveal:
                    if (!_pool.TryDequeue(out var pooled))
                    {
                        return;
                    }

                    // Any client may reveal a pooled secret; it checks the value of the client that created it.
                    await RevealAsync(state, pooled.Key, _clients[pooled.Client].Value, withPassphrase: false, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown mode {mode}");
            }
        }
    }

    private async Task PairAsync(ClientState state, bool withPassphrase, CancellationToken cancellationToken)
    {
        var key = await ShareAsync(state, withPassphrase, cancellationToken);
        if (key is not null && await RevealAsync(state, key, state.Value, withPassphrase, cancellationToken))
        {
            Interlocked.Increment(ref _pairs);
        }
    }

    private async Task<string?> ShareAsync(ClientState state, bool withPassphrase, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var key = await client.ShareAsync(withPassphrase ? state.SharePassphraseBody : state.ShareBody, cancellationToken);
        Count(state.Recorder(withPassphrase ? SharePassphrase : Share), started, key is not null);
        return key;
    }

    private async Task<bool> RevealAsync(ClientState state, string key, byte[] expectedValue, bool withPassphrase, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var ok = await client.RevealAsync(key, withPassphrase ? state.RevealPassphraseBody : null, expectedValue, cancellationToken);
        Count(state.Recorder(withPassphrase ? RevealPassphrase : Reveal), started, ok);
        return ok;
    }

    private void Count(LatencyRecorder recorder, long started, bool success)
    {
        recorder.Record(started, success);
        Interlocked.Increment(ref _calls);
        if (!success)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    private async Task FillPoolAsync(ClientState[] clients, CancellationToken cancellationToken)
    {
        var remaining = options.PoolSize;
        await Task.WhenAll(clients.Select(state => Task.Run(
            async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var key = await client.ShareAsync(state.ShareBody, cancellationToken);
                    if (key is not null)
                    {
                        _pool.Enqueue((key, state.Index));
                    }
                }
            },
            cancellationToken)));

        // Reveal in a random order, so the run does not simply walk the table in insertion order.
        var shuffled = _pool.ToArray();
        Random.Shared.Shuffle(shuffled);
        _pool.Clear();
        foreach (var item in shuffled)
        {
            _pool.Enqueue(item);
        }

        if (client.ErrorKinds.IsEmpty)
        {
            progress.WriteLine($"Pool ready: {_pool.Count} secrets.");
        }
        else
        {
            progress.WriteLine($"Pool ready: {_pool.Count} secrets ({options.PoolSize - _pool.Count} shares failed).");
        }
    }

    private async Task ReportProgressAsync(string label, long started, TimeSpan duration, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsErrorRedirected;
        long lastPairs = 0, lastCalls = 0;
        var lastTime = started;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = Stopwatch.GetTimestamp();
                var pairs = Interlocked.Read(ref _pairs);
                var calls = Interlocked.Read(ref _calls);
                var seconds = (now - lastTime) / (double)Stopwatch.Frequency;
                var line = string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"[{label} {Stopwatch.GetElapsedTime(started, now).TotalSeconds,4:0}s/{duration.TotalSeconds:0}s] pairs {pairs,8} ({(pairs - lastPairs) / seconds,7:0.0}/s)  calls {calls,8} ({(calls - lastCalls) / seconds,7:0.0}/s)  errors {Interlocked.Read(ref _failures)}");
                progress.Write(interactive ? "\r" + line : line + Environment.NewLine);
                (lastPairs, lastCalls, lastTime) = (pairs, calls, now);
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (interactive)
        {
            progress.WriteLine();
        }
    }

    private static int OperationOrder(string operation) => operation switch
    {
        Share => 0,
        Reveal => 1,
        SharePassphrase => 2,
        RevealPassphrase => 3,
        _ => 4,
    };

    private sealed class ClientState(int index, byte[] value, byte[] shareBody, byte[] sharePassphraseBody, byte[] revealPassphraseBody)
    {
        public int Index { get; } = index;

        public byte[] Value { get; } = value;

        public byte[] ShareBody { get; } = shareBody;

        public byte[] SharePassphraseBody { get; } = sharePassphraseBody;

        public byte[] RevealPassphraseBody { get; } = revealPassphraseBody;

        public Dictionary<string, LatencyRecorder> Recorders { get; } = new(StringComparer.Ordinal);

        public LatencyRecorder Recorder(string operation)
        {
            if (!Recorders.TryGetValue(operation, out var recorder))
            {
                recorder = new LatencyRecorder();
                Recorders[operation] = recorder;
            }

            return recorder;
        }
    }
}

/// <summary>The outcome of a run: throughput, latencies per kind of call, and the errors by kind.</summary>
public sealed record LoadResult(
    LoadTestOptions Options,
    TimeSpan Elapsed,
    long Pairs,
    long Errors,
    bool PoolExhausted,
    IReadOnlyList<LatencySummary> Operations,
    IReadOnlyDictionary<string, int> ErrorKinds,
    TimeSpan? ServerCpu,
    TimeSpan? LoadGeneratorCpu)
{
    public double PairsPerSecond => Elapsed.TotalSeconds > 0 ? Pairs / Elapsed.TotalSeconds : 0;

    /// <summary>The unit of work: a pair in the pair modes, otherwise a call.</summary>
    public long Units => Options.Mode is LoadMode.Pair or LoadMode.Mix ? Pairs : Operations.Sum(o => (long)o.Count);

    public string UnitName => Options.Mode is LoadMode.Pair or LoadMode.Mix ? "pair" : "call";
}
