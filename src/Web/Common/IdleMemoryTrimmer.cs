using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace OneTimeSecret.Web.Common;

/// <summary>When to give memory back to the operating system after a burst, from the <c>IdleMemoryTrim</c> section.</summary>
public sealed class IdleMemoryTrimOptions
{
    public const string SectionName = "IdleMemoryTrim";

    /// <summary>Seconds without traffic after a burst before memory is returned; 0 turns trimming off.</summary>
    [Range(0, 24 * 3600)]
    public int IdleSeconds { get; set; } = 10;

    /// <summary>
    /// How much must have been allocated since the last trim for another one to be worth it, in MiB. The default is
    /// below what start-up allocates, so an instance that starts and waits is trimmed once too.
    /// </summary>
    [Range(1, 1024 * 1024)]
    public int BurstMegabytes { get; set; } = 16;

    /// <summary>
    /// Whether a trim also asks the kernel to reclaim the pages of the assemblies' read-only metadata views (Linux;
    /// see <see cref="AssemblyMetadataViews"/>).
    /// </summary>
    public bool ReleaseAssemblyMetadata { get; set; } = true;
}

/// <summary>The data-annotation checks of <see cref="IdleMemoryTrimOptions"/>, written by the options validation source generator.</summary>
[OptionsValidator]
internal sealed partial class IdleMemoryTrimOptionsAnnotationValidator : IValidateOptions<IdleMemoryTrimOptions>;

/// <summary>
/// Decides, from samples of the process's total allocated bytes, when the app has gone quiet after a burst: a quiet
/// sample allocated less than <paramref name="quietBytes"/>; a trim is due after <paramref name="quietSamples"/> quiet
/// samples in a row, once at least <paramref name="burstBytes"/> have been allocated since the last trim.
/// </summary>
public sealed class IdleTrimPolicy(long quietBytes, long burstBytes, int quietSamples)
{
    private long _lastTotal;
    private long _sinceTrim;
    private int _quietRun;

    public bool ShouldTrim(long totalAllocatedBytes)
    {
        var allocated = Math.Max(0, totalAllocatedBytes - _lastTotal);
        _lastTotal = totalAllocatedBytes;
        _sinceTrim += allocated;
        _quietRun = allocated < quietBytes ? _quietRun + 1 : 0;
        if (_quietRun < quietSamples || _sinceTrim < burstBytes)
        {
            return false;
        }

        _sinceTrim = 0;
        return true;
    }
}

/// <summary>
/// After a burst, when the app has gone quiet, returns the memory the burst left behind: a full compacting GC in
/// aggressive mode (which decommits the free heap), glibc's <c>malloc_trim</c> for native memory freed by the
/// runtime, then the pages of the assemblies' metadata views (<see cref="AssemblyMetadataViews"/>). It never runs
/// under traffic, and at most once per burst. See benchmarks/README.md (idle memory).
/// </summary>
internal sealed class IdleMemoryTrimmer(
    IOptions<IdleMemoryTrimOptions> options,
    TimeProvider clock,
    ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromSeconds(2);

    /// <summary>Less than this allocated between two samples counts as quiet (timers and keep-alives allocate a little).</summary>
    private const long QuietBytesPerSample = 512 * 1024;

    private bool _nativeTrimAvailable = OperatingSystem.IsLinux();
    private bool _metadataReleaseAvailable = OperatingSystem.IsLinux();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.IdleSeconds == 0)
        {
            return;
        }

        var policy = new IdleTrimPolicy(
            QuietBytesPerSample,
            settings.BurstMegabytes * 1024L * 1024L,
            (int)Math.Ceiling(settings.IdleSeconds / SamplePeriod.TotalSeconds));
        using var timer = new PeriodicTimer(SamplePeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (policy.ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    Trim(settings);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim(IdleMemoryTrimOptions settings)
    {
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (_nativeTrimAvailable)
        {
            try
            {
                _ = NativeMethods.MallocTrim(0);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (musl, for example): the managed heap was trimmed all the same.
                _nativeTrimAvailable = false;
            }
        }

        if (settings.ReleaseAssemblyMetadata && _metadataReleaseAvailable)
        {
            _metadataReleaseAvailable = AssemblyMetadataViews.Release() == AssemblyMetadataViews.Outcome.Released;
        }

        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Idle: working set {BeforeMb} MB -> {AfterMb} MB", before >> 20, Environment.WorkingSet >> 20);
        }
    }

    private static class NativeMethods
    {
        /// <summary>glibc: returns free memory at the top of the heap and in free pages of every arena to the OS.</summary>
        [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int MallocTrim(nuint pad);
    }
}
