using System.Diagnostics;

namespace OneTimeSecret.LoadTest;

/// <summary>
/// Latencies of one kind of call, recorded by one client (no locking on the hot path) and merged at the end.
/// Every sample is kept, so percentiles are exact rather than bucketed.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<long> _ticks = new(capacity: 4096);

    public int Count => _ticks.Count;

    public int Errors { get; private set; }

    public void Record(long startTimestamp, bool success)
    {
        _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);
        if (!success)
        {
            Errors++;
        }
    }

    public static LatencySummary Summarise(string operation, IEnumerable<LatencyRecorder> recorders, TimeSpan elapsed)
    {
        var all = recorders.ToList();
        var samples = all.SelectMany(r => r._ticks).ToArray();
        Array.Sort(samples);
        var errors = all.Sum(r => r.Errors);
        return new LatencySummary(
            operation,
            samples.Length,
            errors,
            elapsed.TotalSeconds > 0 ? samples.Length / elapsed.TotalSeconds : 0,
            Percentile(samples, 50),
            Percentile(samples, 95),
            Percentile(samples, 99),
            samples.Length == 0 ? 0 : ToMilliseconds(samples[^1]));
    }

    /// <summary>Nearest-rank percentile in milliseconds.</summary>
    private static double Percentile(long[] sorted, int percent)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return ToMilliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>What the table shows for one kind of call. Latencies in milliseconds.</summary>
public sealed record LatencySummary(
    string Operation,
    int Count,
    int Errors,
    double PerSecond,
    double P50,
    double P95,
    double P99,
    double Max);
