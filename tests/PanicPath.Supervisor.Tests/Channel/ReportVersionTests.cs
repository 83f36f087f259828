using System.Text;
using PanicPath.Reports;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>
/// The supervisor reads crash reports of versions 1 and 2 whatever the protocol version of the frame
/// (an older library sends version 1 reports), and answers a version 3 hello with version 3: the
/// version that tells the library its version 2 reports are read.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReportVersionTests
{
    private const int MaxMessage = 64 * 1024;
    private static readonly ChannelFrameHeader Ack = new(ChannelFrame.Version1, ChannelFrameKind.Ack, 0);

    [Fact]
    public async Task A_version_3_hello_is_answered_with_version_3()
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        channel.Admit(Environment.ProcessId, temp.Path);

        var answers = await ChannelClient.ConverseAsync(channel.Address, ChannelFrame.Encode(ChannelFrameKind.Hello, [], ChannelFrame.Version3));

        Assert.Equal([new ChannelFrameHeader(ChannelFrame.Version3, ChannelFrameKind.Hello, 0)], answers);
        Assert.Equal(0, channel.Rejected);
    }

    [Theory]
    [InlineData(ChannelFrame.Version1, ReportVersions.Version1Report)]
    [InlineData(ChannelFrame.Version2, ReportVersions.Version1Report)]
    [InlineData(ChannelFrame.Version3, ReportVersions.Version1Report)]
    [InlineData(ChannelFrame.Version3, ReportVersions.Version2Report)]
    public async Task A_report_of_either_version_is_stored_as_it_came_and_acknowledged(byte frameVersion, string json)
    {
        using var temp = new TempDirectory();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, TextWriter.Null));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        var life = channel.Admit(Environment.ProcessId, inbox);

        var answers = await ChannelClient.ConverseAsync(channel.Address, ChannelFrame.Encode(ChannelFrameKind.Report, Encoding.UTF8.GetBytes(json), frameVersion));

        Assert.Equal([Ack], answers);
        Assert.Equal(json, File.ReadAllText(life.ReportPath!));
        Assert.Equal(0, channel.Rejected);
    }

    [Fact]
    public async Task A_report_of_a_version_this_supervisor_does_not_know_is_rejected_naming_the_version()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log));
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        channel.Admit(Environment.ProcessId, inbox);
        var json = ReportVersions.Version2Report.Replace("{\"version\":2,", "{\"version\":3,", StringComparison.Ordinal);

        var answers = await ChannelClient.ConverseAsync(channel.Address, ChannelFrame.Encode(ChannelFrameKind.Report, Encoding.UTF8.GetBytes(json), ChannelFrame.Version3));

        Assert.Empty(answers);
        Assert.Equal(1, channel.Rejected);
        Assert.Contains("'version' is 3", log.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(inbox, "*.json"));
    }
}
