using System.Diagnostics;
using System.Globalization;

namespace OneTimeSecret.LoadTest;

/// <summary>CPU time (user + system) of a process, so a run can say how much work each unit cost, whatever the load.</summary>
public static class CpuTime
{
    /// <summary>Linux reports process times in clock ticks of 1/100 s (USER_HZ).</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan OfCurrentProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>From /proc/&lt;pid&gt;/stat; <c>null</c> when there is no such process or no /proc.</summary>
    public static TimeSpan? OfProcess(int? pid)
    {
        if (pid is null)
        {
            return null;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
