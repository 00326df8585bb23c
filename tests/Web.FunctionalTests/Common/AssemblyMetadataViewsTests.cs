using System.Globalization;
using System.Runtime.Loader;
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
    public void Release_GivesBackTheResidentPagesOfAMetadataView()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("madvise(MADV_PAGEOUT) is Linux only.");
        }

        // A copy under a new name, loaded only here: the kernel keeps pages another process also maps (other test
        // runs map the same framework files), and no other process maps this file.
        var copy = Path.Combine(Path.GetTempPath(), $"ots-metadata-view-{Guid.NewGuid():N}.dll");
        File.Copy(typeof(AssemblyMetadataViews).Assembly.Location, copy);
        var context = new AssemblyLoadContext(nameof(AssemblyMetadataViewsTests), isCollectible: true);
        try
        {
            // Reading every type's metadata makes pages of the view resident.
            _ = context.LoadFromAssemblyPath(copy).GetTypes().Length;
            var before = ResidentKilobytesOfMetadataView(copy);
            Assume.That(before, Is.GreaterThan(0), "the copy's metadata view should have resident pages");

            var outcome = AssemblyMetadataViews.Release();
            var after = ResidentKilobytesOfMetadataView(copy);

            Assert.Multiple(() =>
            {
                Assert.That(outcome, Is.EqualTo(AssemblyMetadataViews.Outcome.Released));
                // Nothing reads the copy after the release; a few pages may still wait in another CPU's LRU batch.
                Assert.That(after, Is.LessThan(before / 2), $"resident before {before} KB, after {after} KB");
            });
        }
        finally
        {
            context.Unload();
            File.Delete(copy);
        }
    }

    /// <summary>The Rss of the metadata view(s) of one file, from this process's smaps.</summary>
    private static long ResidentKilobytesOfMetadataView(string path)
    {
        long total = 0;
        var counting = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            // A mapping's header line ("start-end perms offset dev inode path"), then its fields ("Rss:   123 kB").
            var firstField = line.Split(' ', 2)[0];
            if (!firstField.EndsWith(':'))
            {
                counting = line.EndsWith(path, StringComparison.Ordinal) && AssemblyMetadataViews.Find([line]).Count == 1;
            }
            else if (counting && firstField == "Rss:")
            {
                total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
