using System.Globalization;
using OneTimeSecret.Web.Common;

namespace OneTimeSecret.Web.FunctionalTests.Common;

public sealed class AssemblyMetadataViewsTests
{
    [Test]
    public void Find_KeepsOnlyReadOnlySharedViewsOfAssemblies()
    {
        string[] maps =
        [
            "7f57c5e00000-7f57c64b7000 r--s 00000000 fe:00 1169                       /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll",
            "7f63c1070000-7f63c1bbc000 r-xp 00000000 fe:00 3509                       /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll",
            "7f63c1bdc000-7f63c1f5e000 rw-p 00b4c000 fe:00 3509                       /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll",
            "7f0000000000-7f0000002000 r--s 00000000 fe:00 42                         /opt/my app/OneTimeSecret.Web.dll",
            "7f0000010000-7f0000020000 r--s 00000000 00:01 77                         /memfd:doublemapper (deleted)",
            "7f0000030000-7f0000031000 r--s 00000000 fe:00 43                         /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f0000040000-7f0000041000 rw-p 00000000 00:00 0",
            "not a maps line",
        ];

        var ranges = AssemblyMetadataViews.Find(maps);

        Assert.That(ranges, Is.EqualTo(new[]
        {
            new AssemblyMetadataViews.AddressRange(0x7f57c5e00000, 0x6b7000),
            new AssemblyMetadataViews.AddressRange(0x7f0000000000, 0x2000),
        }));
    }

    [Test]
    public void Release_GivesBackMostResidentMetadataPagesOfThisProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("madvise(MADV_PAGEOUT) is Linux only.");
        }

        // Read every loaded assembly's metadata through its view, so that the views have resident pages to give back.
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            _ = assembly.GetTypes().Length;
        }

        var before = ResidentKilobytesOfMetadataViews();
        Assume.That(before, Is.GreaterThan(1024), "the test process should have metadata views with resident pages");

        var outcome = AssemblyMetadataViews.Release();
        var after = ResidentKilobytesOfMetadataViews();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(AssemblyMetadataViews.Outcome.Released));
            // Other threads may read some metadata back in meanwhile; most of it must be gone.
            Assert.That(after, Is.LessThan(before / 2), $"resident before {before} KB, after {after} KB");
        });
    }

    /// <summary>The sum of the Rss lines of the views <see cref="AssemblyMetadataViews.Find"/> picks, from smaps.</summary>
    private static long ResidentKilobytesOfMetadataViews()
    {
        long total = 0;
        var counting = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            // A mapping's header line ("start-end perms ..."), then its fields ("Rss:   123 kB").
            var firstField = line.Split(' ', 2)[0];
            if (!firstField.EndsWith(':'))
            {
                counting = AssemblyMetadataViews.Find([line]).Count == 1;
            }
            else if (counting && firstField == "Rss:")
            {
                total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
