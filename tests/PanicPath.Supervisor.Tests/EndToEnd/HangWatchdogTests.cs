using System.Text.Json;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class HangWatchdogTests
{
    [Fact]
    public async Task A_hung_child_is_recorded_as_hang_dumped_and_killed()
    {
        using var temp = new TempDirectory();
        var (exit, output, error) = await CliRun.RunCrasher(temp, "panicpath-hang", "--hang-timeout", "4");

        Assert.Contains("crasher thread pool starved", output, StringComparison.Ordinal);
        Assert.Equal(137, exit);
        Assert.Contains("hang; taking a dump and killing it", error, StringComparison.Ordinal);
        var (_, json, _) = await CliRun.Run("reports", "show", "1", "--data", temp.Sub("data"), "--json");
        var record = JsonDocument.Parse(json).RootElement;
        Assert.Equal("hang", record.GetProperty("cause").GetString());
        Assert.Equal(137, record.GetProperty("exitCode").GetInt32());
        Assert.Equal("SIGKILL", record.GetProperty("signal").GetString());
        var dump = record.GetProperty("dump").GetString();
        Assert.Equal(Path.Combine(temp.Sub("dumps"), $"core.{record.GetProperty("pid").GetInt32()}"), dump);
        Assert.True(new FileInfo(dump!).Length > 0);
    }

    [Fact]
    public async Task A_child_that_keeps_beating_past_several_timeouts_is_not_killed()
    {
        using var temp = new TempDirectory();

        // The child exits by itself after 12 beats, one every quarter of the timeout: three timeouts' worth.
        var (exit, output, error) = await CliRun.RunCrasher(temp, "panicpath-beat", "--hang-timeout", "3");

        Assert.Equal(0, exit);
        Assert.Contains("crasher sent 12 heartbeats", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hang", error, StringComparison.Ordinal);
        Assert.Contains("panicpath: run ended cleanly (exit code 0), recorded as 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_that_never_beats_is_not_judged_hung()
    {
        using var temp = new TempDirectory();

        // No PanicPath in `sleep`: it sends no heartbeat through twenty timeouts, and ends by itself.
        var (exit, _, error) = await CliRun.Run("run", "--data", temp.Sub("data"), "--hang-timeout", "0.1", "--", "sleep", "2");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("hang", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100000")]
    public async Task A_hang_timeout_out_of_range_is_a_run_failure_naming_the_option(string value)
    {
        using var temp = new TempDirectory();
        var (exit, _, error) = await CliRun.RunCrasher(temp, "exit0", "--hang-timeout", value);

        Assert.Equal(PanicPath.Cli.ExitCodes.RunFailed, exit);
        Assert.Contains($"--hang-timeout: expected a number of seconds from 0.1 to 86400, not '{value}'", error, StringComparison.Ordinal);
    }
}
