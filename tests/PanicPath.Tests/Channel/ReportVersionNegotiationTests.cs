using System.Text;
using PanicPath.Lists;
using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Panics;

namespace PanicPath.Tests.Channel;

/// <summary>
/// The crash report version follows the channel's protocol version: a supervisor of protocol version 3
/// gets version 2 reports (with the path's timing); an older one, which refuses any report but version
/// 1, gets version 1 reports everywhere (channel, spool); without a channel the library writes version 2.
/// </summary>
public sealed class ReportVersionNegotiationTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly string spool = Path.Combine(Path.GetTempPath(), "panicpath-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    [Theory]
    [InlineData(ChannelFrame.Version1, 2)]
    [InlineData(ChannelFrame.Version2, 1)]
    public void Under_an_older_supervisor_the_reports_are_version_1_without_timing_and_it_takes_them(byte supervisorVersion, int refusedHellos)
    {
        using var supervisor = new FakeSupervisor(version: supervisorVersion);
        var h = Harness(supervisor.Address);
        h.Add("tell", PanicList.Supervisor);
        Assert.Equal(supervisorVersion, h.Runtime.Channel!.Version);

        h.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        Assert.Equal((refusedHellos, 0), (supervisor.Refused, supervisor.RefusedReports));
        var bytes = Encoding.UTF8.GetString(Assert.Single(supervisor.ReportBytes));
        Assert.StartsWith("{\"version\":1,", bytes, StringComparison.Ordinal);
        foreach (var field in new[] { "startMs", "atMs", "\"dump\"", "deadlineMs", "totalMs" })
        {
            Assert.DoesNotContain(field, bytes, StringComparison.Ordinal);
        }

        Assert.Equal("tell", Assert.Single(supervisor.Reports).Notifiers.Single().Name);
        Assert.All(supervisor.ShortReports, r => Assert.Equal(1, r.Version));
        Assert.Empty(Directory.GetFiles(spool));
    }

    [Fact]
    public void Under_a_version_3_supervisor_the_short_and_the_long_report_are_version_2_with_timing()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version3);
        var h = Harness(supervisor.Address);
        h.Add("tell", PanicList.Supervisor);
        Assert.Equal(ChannelFrame.Version3, h.Runtime.Channel!.Version);

        h.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        Assert.Equal(0, supervisor.Refused);
        var entry = Assert.Single(supervisor.ShortReports);
        var last = Assert.Single(supervisor.Reports);
        Assert.Equal((2, 2), (entry.Version, last.Version));
        Assert.NotNull(entry.DeadlineMs);
        Assert.NotNull(last.Notifiers.Single().StartMs);
        Assert.NotNull(last.TotalMs);
    }

    [Fact]
    public void When_an_older_supervisor_does_not_acknowledge_the_report_spooled_for_it_is_version_1_too()
    {
        using var supervisor = new FakeSupervisor(acknowledge: false, version: ChannelFrame.Version2);
        var h = Harness(supervisor.Address, TimeSpan.FromMilliseconds(300));
        h.Add("tell", PanicList.Supervisor);

        h.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        var spooled = CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool, "*.json"))));
        Assert.Equal(1, spooled.Version);
        Assert.Null(spooled.Notifiers.Single().StartMs);
        Assert.Null(spooled.DeadlineMs);
    }

    [Fact]
    public void Without_a_channel_the_spooled_report_is_version_2()
    {
        var h = Harness("none");
        h.Add("tell", PanicList.Supervisor);

        h.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        var spooled = CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool, "*.json"))));
        Assert.Equal(CrashReport.CurrentVersion, spooled.Version);
        Assert.NotNull(spooled.Notifiers.Single().StartMs);
    }

    private PathHarness Harness(string address, TimeSpan? budget = null) =>
        new(new PanicOptions
        {
            ChannelAddress = address,
            SpoolDirectory = spool,
            NotifierBudget = budget ?? TimeSpan.FromSeconds(30),
            Deadline = TimeSpan.FromSeconds(60),
        });
}
