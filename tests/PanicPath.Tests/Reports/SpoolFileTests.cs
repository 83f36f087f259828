using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Panics;

namespace PanicPath.Tests.Reports;

public sealed class SpoolFileTests : IDisposable
{
    private readonly string spool = Path.Combine(Path.GetTempPath(), "panicpath-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    [Fact]
    public void The_library_makes_its_spool_directory_0700_and_its_report_0600_whatever_the_umask()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // ACLs there.
        }

        var h = new PathHarness(new PanicOptions { SpoolDirectory = spool });
        h.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(spool));
        var file = Assert.Single(Directory.GetFiles(spool));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Theory]
    [InlineData("panicpath-42-20260101T000000.json", true, false)]
    [InlineData("panicpath-1-x.json", true, false)]
    [InlineData(".panicpath-42-20260101T000000.tmp", false, true)]
    [InlineData("panicpath-x-1.json", false, false)]
    [InlineData("panicpath-42.json", false, false)]
    [InlineData("panicpath-42-.json", false, false)]
    [InlineData("notes.json", false, false)]
    [InlineData(".owner", false, false)]
    public void Report_and_temporary_names_are_recognised_by_their_shape(string name, bool report, bool temporary)
    {
        Assert.Equal(report, SpoolFile.IsReportName(name));
        Assert.Equal(temporary, SpoolFile.IsTemporaryName(name));
    }
}
