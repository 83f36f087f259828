using PanicPath.Reports;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProtocolVersion2Tests
{
    private const int MaxMessage = 64 * 1024;
    private static readonly byte[] Hello2 = ChannelFrame.Encode(ChannelFrameKind.Hello, [], ChannelFrame.Version2);
    private static readonly ChannelFrameHeader Ack = new(ChannelFrame.Version1, ChannelFrameKind.Ack, 0);

    [Fact]
    public async Task A_version_2_hello_is_answered_with_version_2_and_a_version_1_hello_is_not_answered()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        channel.Admit(Environment.ProcessId, temp.Path);

        Assert.Equal([new ChannelFrameHeader(2, ChannelFrameKind.Hello, 0)], await ChannelClient.ConverseAsync(channel.Address, Hello2));
        Assert.Empty(await ChannelClient.ConverseAsync(channel.Address, ChannelFrame.Encode(ChannelFrameKind.Hello, [])));
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task In_version_2_a_life_takes_one_short_report_then_one_long_report_and_the_first_is_known_when_the_short_one_is_stored()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        var life = channel.Admit(Environment.ProcessId, inbox);

        var answers = await ChannelClient.ConverseAsync(channel.Address, Hello2, ChannelClient.ShortReportFrame("entry"), ChannelClient.ReportFrame("end", ChannelFrame.Version2));

        Assert.Equal([new ChannelFrameHeader(2, ChannelFrameKind.Hello, 0), Ack, Ack], answers);
        Assert.Equal("entry", (await life.FirstReport).Reason);
        Assert.True(SpoolFile.IsShortReportName(Path.GetFileName(life.ShortReportPath!)));
        Assert.Equal("end", CrashReport.Parse(File.ReadAllBytes(life.ReportPath!)).Reason);
        Assert.Equal(2, Directory.GetFiles(inbox, "panicpath-*.json").Length);
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task A_second_short_report_is_rejected_and_counted_and_the_first_is_kept()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        var life = channel.Admit(Environment.ProcessId, inbox);

        var answers = await ChannelClient.ConverseAsync(channel.Address, ChannelClient.ShortReportFrame("entry"), ChannelClient.ShortReportFrame("again"));

        Assert.Equal([Ack], answers);
        Assert.Equal("entry", CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(inbox, "*.json")))).Reason);
        Assert.Equal(1, channel.Rejected);
        Assert.Equal(1, life.DuplicatesRejected);
        Assert.Contains("second short report", log.ToString());
    }

    [Fact]
    public async Task In_version_2_a_second_long_report_and_a_short_one_after_the_long_are_rejected_and_counted()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        var life = channel.Admit(Environment.ProcessId, inbox);

        Assert.Equal([Ack, Ack], await ChannelClient.ConverseAsync(channel.Address, ChannelClient.ShortReportFrame("entry"), ChannelClient.ReportFrame("end", 2), ChannelClient.ReportFrame("end again", 2)));
        Assert.Empty(await ChannelClient.ConverseAsync(channel.Address, ChannelClient.ShortReportFrame("late")));

        Assert.Equal(2, channel.Rejected);
        Assert.Equal(2, life.DuplicatesRejected);
        Assert.Contains("second report", log.ToString());
        Assert.Contains("short report after the long one", log.ToString());
        Assert.Equal("end", CrashReport.Parse(File.ReadAllBytes(life.ReportPath!)).Reason);
    }

    [Fact]
    public async Task A_long_report_without_a_short_one_is_taken_and_is_the_first_report()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        var life = channel.Admit(Environment.ProcessId, Directory.CreateDirectory(temp.Sub("inbox")).FullName);

        Assert.Equal([new ChannelFrameHeader(2, ChannelFrameKind.Hello, 0), Ack], await ChannelClient.ConverseAsync(channel.Address, Hello2, ChannelClient.ReportFrame("end", 2)));

        Assert.Equal("end", (await life.FirstReport).Reason);
        Assert.Null(life.ShortReportPath);
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task A_short_report_in_a_version_1_frame_is_rejected_as_an_unknown_kind()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        channel.Admit(Environment.ProcessId, inbox);

        Assert.Empty(await ChannelClient.ConverseAsync(channel.Address, ChannelClient.ShortReportFrame("entry", ChannelFrame.Version1)));

        Assert.Empty(Directory.GetFiles(inbox));
        Assert.Equal(1, channel.Rejected);
        Assert.Contains("unknown kind 5 in version 1", log.ToString());
    }

    [Fact]
    public async Task A_version_2_librarys_heartbeat_connection_is_answered_in_version_2_and_its_version_2_beats_are_counted()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        var life = channel.Admit(Environment.ProcessId, temp.Path);
        var beat = ChannelFrame.Encode(ChannelFrameKind.Heartbeat, [], ChannelFrame.Version2);

        Assert.Equal([new ChannelFrameHeader(2, ChannelFrameKind.Hello, 0)], await ChannelClient.ConverseAsync(channel.Address, Hello2, beat, beat));

        Assert.Equal(2, life.Heartbeats);
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task A_version_1_librarys_heartbeat_connection_without_a_hello_beats_in_version_1_and_nothing_is_rejected()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        var life = channel.Admit(Environment.ProcessId, temp.Path);
        var beat = ChannelFrame.Encode(ChannelFrameKind.Heartbeat, []);

        Assert.Empty(await ChannelClient.ConverseAsync(channel.Address, beat, beat, beat));

        Assert.Equal(3, life.Heartbeats);
        Assert.Equal(0, channel.Rejected);
    }
}
