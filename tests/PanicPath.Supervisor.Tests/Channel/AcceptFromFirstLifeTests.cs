using PanicPath.Reports;
using PanicPath.Supervisor.Channel;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Channel;

/// <summary>A channel that accepts from its first life on (<see cref="ReportChannelOptions.AcceptFromFirstLife"/>), as the supervisor opens it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AcceptFromFirstLifeTests
{
    private const int MaxMessage = 64 * 1024;

    [Fact]
    public async Task A_report_sent_before_the_first_life_waits_for_it_instead_of_being_turned_away_and_is_stored_in_its_inbox()
    {
        using var temp = new TempDirectory();
        using var log = new StringWriter();
        var wait = TimeSpan.FromMilliseconds(50);
        await using var channel = ReportChannel.Open(new ReportChannelOptions(temp.Sub("channel"), MaxMessage, log) { AdmissionWait = wait, AcceptFromFirstLife = true });

        var sent = ChannelClient.SendAsync(channel.Address, ChannelClient.ReportFrame("before the life"));
        // Well past the admission wait: a connection accepted at once would have been turned away by now.
        await Task.Delay(wait * 10, TestContext.Current.CancellationToken);
        var inbox = Directory.CreateDirectory(temp.Sub("inbox")).FullName;
        var life = channel.Admit(Environment.ProcessId, inbox);

        Assert.True(await sent);
        Assert.Equal("before the life", CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(inbox, "*.json")))).Reason);
        Assert.Equal("before the life", (await life.FirstReport).Reason);
        Assert.Equal(0, channel.Rejected);
        Assert.Equal(string.Empty, log.ToString());
    }
}
