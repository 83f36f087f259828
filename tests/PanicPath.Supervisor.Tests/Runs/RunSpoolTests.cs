using PanicPath.Reports;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Runs;

public sealed class RunSpoolTests
{
    [Fact]
    public void A_spooled_report_is_read_and_the_directory_removed()
    {
        using var temp = new TempDirectory();
        var spool = RunSpool.Create(temp.Path, "run-0");
        File.WriteAllBytes(Path.Combine(spool.Directory, "panicpath-1-x.json"), new CrashReport { Reason = "boom", Pid = 1 }.ToUtf8Json());
        File.WriteAllText(Path.Combine(spool.Directory, ".panicpath-1-y.tmp"), "partial");

        var report = spool.TakeReport();
        spool.Remove();

        Assert.Equal("boom", report!.Reason);
        Assert.Null(spool.Problem);
        Assert.False(Directory.Exists(spool.Directory));
    }

    [Fact]
    public void An_empty_spool_has_no_report()
    {
        using var temp = new TempDirectory();
        var spool = RunSpool.Create(temp.Path, "run-0");

        Assert.Null(spool.TakeReport());
        Assert.Null(spool.Problem);
    }

    [Fact]
    public void A_malformed_report_is_named_and_kept()
    {
        using var temp = new TempDirectory();
        var spool = RunSpool.Create(temp.Path, "run-0");
        var file = Path.Combine(spool.Directory, "panicpath-1-x.json");
        File.WriteAllText(file, "{\"version\": 99}");

        Assert.Null(spool.TakeReport());
        spool.Remove();

        Assert.Contains(file, spool.Problem, StringComparison.Ordinal);
        Assert.Contains("version", spool.Problem, StringComparison.Ordinal);
        Assert.True(File.Exists(file));
    }
}
