using System.Globalization;
using System.Runtime.InteropServices;

namespace OneTimeSecret.Web.Common;

/// <summary>
/// On Linux the .NET runtime maps every assembly file it loads read-only and shared (<c>r--s</c> in
/// <c>/proc/self/maps</c>) to read its metadata; a precompiled (ReadyToRun) assembly is mapped a second time for its
/// code. Once the app is warm the metadata views are rarely read, yet their pages stay counted in the process's
/// resident memory (about 25 MB here). <see cref="Release"/> asks the kernel to reclaim those pages
/// (<c>madvise(MADV_PAGEOUT)</c>, Linux 5.4 and later). The views are read-only and shared with the file, so nothing
/// can be lost: a page that is needed again is read back from the file.
/// </summary>
internal static class AssemblyMetadataViews
{
    private const int MadvPageout = 21;
    private const int EInval = 22;

    /// <summary>A range of the address space, as <c>/proc/self/maps</c> gives it.</summary>
    internal readonly record struct AddressRange(ulong Start, ulong Length);

    /// <summary>What <see cref="Release"/> did.</summary>
    internal enum Outcome
    {
        /// <summary>The kernel was asked to reclaim every view found (it may keep pages another mapping uses).</summary>
        Released,

        /// <summary>Not Linux, no glibc, no readable <c>/proc</c> or a kernel without <c>MADV_PAGEOUT</c>: nothing to do, now or later.</summary>
        Unsupported,
    }

    /// <summary>The read-only shared views of <c>.dll</c> files among the lines of a <c>/proc/PID/maps</c> file.</summary>
    internal static IReadOnlyList<AddressRange> Find(IEnumerable<string> mapsLines)
    {
        var ranges = new List<AddressRange>();
        foreach (var line in mapsLines)
        {
            // address perms offset dev inode path: the path may hold spaces, so it is everything after the 5th field.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1] != "r--s" || !fields[5].Trim().EndsWith(".dll", StringComparison.Ordinal))
            {
                continue;
            }

            var bounds = fields[0].Split('-');
            if (bounds.Length == 2
                && ulong.TryParse(bounds[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                && ulong.TryParse(bounds[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
                && end > start)
            {
                ranges.Add(new AddressRange(start, end - start));
            }
        }

        return ranges;
    }

    /// <summary>Asks the kernel to reclaim the pages of this process's assembly metadata views.</summary>
    internal static Outcome Release()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Outcome.Unsupported;
        }

        try
        {
            foreach (var range in Find(File.ReadLines("/proc/self/maps")))
            {
                // A view unmapped since the maps file was read fails with ENOMEM; the others are still worth releasing.
                if (NativeMethods.Madvise((nuint)range.Start, (nuint)range.Length, MadvPageout) != 0
                    && Marshal.GetLastPInvokeError() == EInval)
                {
                    return Outcome.Unsupported;
                }
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, for example).
            return Outcome.Unsupported;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A sandbox that hides /proc: a hint not given must never stop the app.
            return Outcome.Unsupported;
        }

        return Outcome.Released;
    }

    private static class NativeMethods
    {
        [DllImport("libc.so.6", EntryPoint = "madvise", ExactSpelling = true, SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Madvise(nuint address, nuint length, int advice);
    }
}
