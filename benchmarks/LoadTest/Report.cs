using System.Globalization;
using System.Text;

namespace OneTimeSecret.LoadTest;

/// <summary>The summary table for people, and key=value lines for scripts.</summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Table(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = result.Options;
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Mode {options.Mode.ToString().ToLowerInvariant()}, {options.Clients} clients, {result.Elapsed.TotalSeconds:0.0} s, {options.SecretBytes}-byte secrets, {options.BaseUrl}");
        text.AppendLine(Invariant, $"{"call",-18} {"count",9} {"per s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
        foreach (var op in result.Operations)
        {
            text.AppendLine(Invariant, $"{op.Operation,-18} {op.Count,9} {op.PerSecond,9:0.0} {op.P50,8:0.00} {op.P95,8:0.00} {op.P99,8:0.00} {op.Max,8:0.00} {op.Errors,7}");
        }

        if (options.Mode is LoadMode.Pair or LoadMode.Mix)
        {
            text.AppendLine(Invariant, $"{"pairs",-18} {result.Pairs,9} {result.PairsPerSecond,9:0.0}");
        }

        if (result.Units > 0)
        {
            if (result.ServerCpu is { } server)
            {
                text.AppendLine(Invariant, $"server CPU: {server.TotalSeconds:0.0} s, {server.TotalMilliseconds / result.Units:0.000} ms per {result.UnitName}");
            }

            if (result.LoadGeneratorCpu is { } own)
            {
                text.AppendLine(Invariant, $"load generator CPU: {own.TotalSeconds:0.0} s, {own.TotalMilliseconds / result.Units:0.000} ms per {result.UnitName}");
            }
        }

        text.AppendLine(Invariant, $"errors: {result.Errors}");
        foreach (var (kind, count) in result.ErrorKinds.OrderByDescending(e => e.Value))
        {
            text.AppendLine(Invariant, $"  {count,7} x {kind}");
        }

        if (result.PoolExhausted)
        {
            text.AppendLine("note: the pool of secrets ran out before the end; raise --pool for a longer reveal run");
        }

        return text.ToString();
    }

    /// <summary>Lines like <c>pairs_per_second=1234.5</c> and <c>reveal_p99_ms=12.34</c>, easy to read from a shell.</summary>
    public static string KeyValues(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        void Line(string key, FormattableString value) => text.Append(key).Append('=').AppendLine(value.ToString(Invariant));

        Line("mode", $"{result.Options.Mode.ToString().ToLowerInvariant()}");
        Line("clients", $"{result.Options.Clients}");
        Line("elapsed_seconds", $"{result.Elapsed.TotalSeconds:0.000}");
        Line("pairs", $"{result.Pairs}");
        Line("pairs_per_second", $"{result.PairsPerSecond:0.0}");
        Line("errors", $"{result.Errors}");
        if (result.ServerCpu is { } server && result.Units > 0)
        {
            Line("server_cpu_ms_per_unit", $"{server.TotalMilliseconds / result.Units:0.000}");
        }

        if (result.LoadGeneratorCpu is { } own && result.Units > 0)
        {
            Line("loadgen_cpu_ms_per_unit", $"{own.TotalMilliseconds / result.Units:0.000}");
        }

        foreach (var op in result.Operations)
        {
            var prefix = op.Operation.Replace('+', '_');
            Line($"{prefix}_count", $"{op.Count}");
            Line($"{prefix}_per_second", $"{op.PerSecond:0.0}");
            Line($"{prefix}_p50_ms", $"{op.P50:0.00}");
            Line($"{prefix}_p95_ms", $"{op.P95:0.00}");
            Line($"{prefix}_p99_ms", $"{op.P99:0.00}");
            Line($"{prefix}_max_ms", $"{op.Max:0.00}");
            Line($"{prefix}_errors", $"{op.Errors}");
        }

        return text.ToString();
    }
}
