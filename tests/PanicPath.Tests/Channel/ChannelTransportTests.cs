using PanicPath.Panics;
using PanicPath.Reports;
using PanicPath.Tests.Panics;

namespace PanicPath.Tests.Channel;

public sealed class ChannelTransportTests : IDisposable
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

    [Fact]
    public void The_report_is_delivered_over_the_channel_when_the_supervisor_acknowledges_it_and_the_spool_stays_empty()
    {
        using var supervisor = new FakeSupervisor();
        var runtime = Runtime(supervisor.Address);
        Assert.NotNull(runtime.Channel);

        var report = runtime.RunWithoutExit(PanicKind.Panic, "disk full", new IOException("no space"));

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        var received = Assert.Single(supervisor.Reports);
        Assert.Equal("disk full", received.Reason);
        Assert.Equal(report.Exception!.Signature, received.Exception!.Signature);
        Assert.Empty(Directory.GetFiles(spool));
        Assert.Equal(1, supervisor.Hellos);
    }

    [Fact]
    public void The_report_goes_to_the_spool_when_nothing_listens_at_the_channel_address()
    {
        var runtime = Runtime(Path.Combine(spool, "nobody-listens.sock"));
        Assert.Null(runtime.Channel);

        runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.Equal("disk full", CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool, "*.json")))).Reason);
    }

    [Fact]
    public void The_report_goes_to_the_spool_when_the_channel_never_acknowledges()
    {
        using var supervisor = new FakeSupervisor(acknowledge: false);
        var runtime = Runtime(supervisor.Address, TimeSpan.FromMilliseconds(300));

        runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        Assert.Equal("disk full", CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool, "*.json")))).Reason);
    }

    [Fact]
    public void The_report_goes_to_the_spool_when_the_channel_went_down_after_install()
    {
        var supervisor = new FakeSupervisor();
        var runtime = Runtime(supervisor.Address);
        Assert.NotNull(runtime.Channel);
        supervisor.Dispose();

        var exception = Record.Exception(() => runtime.RunWithoutExit(PanicKind.Panic, "disk full", null));

        Assert.Null(exception);
        Assert.Single(Directory.GetFiles(spool, "*.json"));
    }

    [Fact]
    public void A_version_2_library_sends_the_short_report_at_panic_entry_before_any_notifier_and_the_long_one_at_the_end()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version2);
        var harness = Harness(supervisor.Address);
        var shortsWhenTheNotifierRan = -1;
        var reportsWhenTheNotifierRan = -1;

        // The short report was sent before the notifier runs; the fake supervisor's thread may still be reading it.
        harness.Add("first", PanicPath.Lists.PanicList.Supervisor, body: () =>
        {
            SpinWait.SpinUntil(() => supervisor.ShortReports.Count > 0, Guard);
            shortsWhenTheNotifierRan = supervisor.ShortReports.Count;
            reportsWhenTheNotifierRan = supervisor.Reports.Count;
        });
        Assert.Equal(ChannelFrame.Version2, harness.Runtime.Channel!.Version);

        harness.Runtime.RunWithoutExit(PanicKind.Panic, "disk full", new IOException("no space"));

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        Assert.Equal(1, shortsWhenTheNotifierRan);
        Assert.Equal(0, reportsWhenTheNotifierRan);
        Assert.Equal([ChannelFrameKind.ShortReport, ChannelFrameKind.Report], supervisor.Order);
        var first = Assert.Single(supervisor.ShortReports);
        var last = Assert.Single(supervisor.Reports);
        Assert.Equal(("disk full", "short", "System.IO.IOException"), (first.Reason, first.Form, first.Exception!.Type));
        Assert.Empty(first.Notifiers);
        Assert.Equal(first.Exception.Signature, last.Exception!.Signature);
        Assert.Equal("first", Assert.Single(last.Notifiers).Name);
        Assert.Empty(Directory.GetFiles(spool));
    }

    [Fact]
    public void A_library_with_a_version_1_supervisor_falls_back_to_version_1_and_sends_the_long_report_only()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version1);
        var runtime = Runtime(supervisor.Address);
        Assert.Equal(ChannelFrame.Version1, runtime.Channel!.Version);

        runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        Assert.Equal(2, supervisor.Refused);
        Assert.Equal(1, supervisor.Hellos);
        Assert.Equal([ChannelFrameKind.Report], supervisor.Order);
        Assert.Equal("disk full", Assert.Single(supervisor.Reports).Reason);
        Assert.Empty(Directory.GetFiles(spool));
    }

    [Fact]
    public void A_short_report_whose_ack_does_not_come_in_time_costs_the_path_that_wait_only_and_the_long_report_still_goes_to_the_spool()
    {
        using var supervisor = new FakeSupervisor(acknowledge: false, version: ChannelFrame.Version2);
        var runtime = Runtime(supervisor.Address, TimeSpan.FromSeconds(2));

        runtime.RunWithoutExit(PanicKind.Panic, "disk full", null);

        Assert.True(supervisor.ReportArrived.Wait(Guard));
        Assert.Single(supervisor.ShortReports);
        Assert.Equal("disk full", CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool, "*.json")))).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("none")]
    public void An_empty_or_none_channel_address_means_no_channel(string address)
    {
        Assert.Null(Runtime(address).Channel);
    }

    [Fact]
    public void Heartbeats_are_sent_each_interval_while_the_thread_pool_runs_work()
    {
        using var supervisor = new FakeSupervisor();
        var heartbeat = PanicPath.Watchdog.Heartbeat.Start(supervisor.Address, TimeSpan.FromMilliseconds(10));
        Assert.NotNull(heartbeat);

        for (var i = 0; i < 4; i++)
        {
            Assert.True(supervisor.HeartbeatArrived.Wait(Guard));
        }

        // The fourth beat is sent after the third is counted.
        Assert.True(heartbeat.Sent >= 3);
    }

    [Fact]
    public void A_version_2_library_greets_a_version_2_supervisor_on_the_heartbeat_connection_and_beats_in_version_2()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version2);

        // The answer may be slow on a loaded machine; a late one would leave the beats in version 1.
        var heartbeat = PanicPath.Watchdog.Heartbeat.Start(supervisor.Address, TimeSpan.FromMilliseconds(10), ChannelFrame.Version2, helloWait: Guard);
        Assert.NotNull(heartbeat);

        Assert.True(supervisor.HeartbeatArrived.Wait(Guard));
        Assert.True(supervisor.HeartbeatArrived.Wait(Guard));

        Assert.Equal(ChannelFrame.Version2, heartbeat.Version);
        Assert.Equal(1, supervisor.Hellos);
        Assert.Equal(0, supervisor.Refused);
        Assert.All(supervisor.HeartbeatVersions, v => Assert.Equal(ChannelFrame.Version2, v));
    }

    [Fact]
    public void A_version_2_library_whose_heartbeat_hello_a_version_1_supervisor_refuses_greets_again_in_version_1_and_beats_in_version_1()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version1);
        var heartbeat = PanicPath.Watchdog.Heartbeat.Start(supervisor.Address, TimeSpan.FromMilliseconds(10), ChannelFrame.Version2);
        Assert.NotNull(heartbeat);

        Assert.True(supervisor.HeartbeatArrived.Wait(Guard));
        Assert.True(supervisor.HeartbeatArrived.Wait(Guard));

        Assert.Equal(ChannelFrame.Version1, heartbeat.Version);
        Assert.Equal(1, supervisor.Refused);
        Assert.Equal(1, supervisor.Hellos);
        Assert.All(supervisor.HeartbeatVersions, v => Assert.Equal(ChannelFrame.Version1, v));
    }

    [Fact]
    public void The_heartbeat_connection_greets_in_the_version_the_report_connection_agreed_so_a_version_1_supervisor_refuses_no_hello_on_it()
    {
        using var supervisor = new FakeSupervisor(version: ChannelFrame.Version1);
        var runtime = Runtime(supervisor.Address);
        var agreed = runtime.Channel!.Version;
        var heartbeat = PanicPath.Watchdog.Heartbeat.Start(runtime.Channel.Address, TimeSpan.FromMilliseconds(10), agreed);
        Assert.NotNull(heartbeat);

        Assert.True(supervisor.HeartbeatArrived.Wait(Guard));

        // The report connection's hellos of versions 3 and 2 were refused; the heartbeat's version 1 one was taken.
        Assert.Equal(ChannelFrame.Version1, heartbeat.Version);
        Assert.Equal(2, supervisor.Refused);
        Assert.Equal(2, supervisor.Hellos);
    }

    [Fact]
    public void A_negative_heartbeat_interval_is_refused_naming_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => new PanicOptions { HeartbeatInterval = TimeSpan.FromSeconds(-1) }.Validate());

        Assert.Contains("PanicOptions.HeartbeatInterval", e.Message);
    }

    private PanicRuntime Runtime(string address, TimeSpan? budget = null) => Harness(address, budget).Runtime;

    private PathHarness Harness(string address, TimeSpan? budget = null) =>
        new(new PanicOptions
        {
            ChannelAddress = address,
            SpoolDirectory = spool,
            NotifierBudget = budget ?? TimeSpan.FromSeconds(30),
            Deadline = TimeSpan.FromSeconds(60),
        });
}
