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
    public void A_negative_heartbeat_interval_is_refused_naming_the_field()
    {
        var e = Assert.Throws<ArgumentException>(() => new PanicOptions { HeartbeatInterval = TimeSpan.FromSeconds(-1) }.Validate());

        Assert.Contains("PanicOptions.HeartbeatInterval", e.Message);
    }

    private PanicRuntime Runtime(string address, TimeSpan? budget = null) =>
        new PathHarness(new PanicOptions
        {
            ChannelAddress = address,
            SpoolDirectory = spool,
            NotifierBudget = budget ?? TimeSpan.FromSeconds(30),
            Deadline = TimeSpan.FromSeconds(60),
        }).Runtime;
}
