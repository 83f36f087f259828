using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class ChannelDeliveryTests
{
    [Fact]
    public async Task An_unhandled_exception_in_an_app_with_PanicPath_under_panicpath_run_delivers_its_report_over_the_channel()
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.RunCrasher(temp, "panicpath-unhandled");

        Assert.Equal(134, exit);
        Assert.Contains("panic: report delivered to the supervisor over the channel", error, StringComparison.Ordinal);
        Assert.DoesNotContain("panic: report written to", error, StringComparison.Ordinal);
        Assert.Matches(@"panicpath: report received over the channel from pid \d+", error);
        var (_, json, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        var record = JsonDocument.Parse(json).RootElement;
        Assert.Equal("unhandled-exception", record.GetProperty("cause").GetString());
        Assert.Equal("unhandled exception", record.GetProperty("report").GetProperty("reason").GetString());
        Assert.Empty(Directory.GetDirectories(temp.Sub("data/spool")));
        Assert.Empty(Directory.GetFiles(temp.Sub("data/channel")));
    }
}
