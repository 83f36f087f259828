using PanicPath.Exit;
using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

/// <summary>
/// The crasher's <c>panicpath-hangs N [DEADLINE_MS]</c> under the supervisor, with the runtime's dump
/// disarmed so that the process ends with the path's own exit code rather than an abort.
/// </summary>
public sealed class HungNotifierTests
{
    [Fact]
    public async Task Eight_hung_notifiers_cost_only_their_own_steps_every_canary_runs_and_the_process_exits_70()
    {
        using var temp = new TempDirectory();
        var (death, output) = await RunHangs(temp, "8");

        Assert.Equal(PanicExitCodes.Panic, death.ExitCode);
        Assert.Equal(DeathCause.Panic, death.Cause);
        var report = Assert.IsType<PanicPath.Reports.CrashReport>(death.Report);
        Assert.False(report.DeadlineExceeded);
        Assert.Equal(PanicExitCodes.Panic, report.ExitCode);
        Assert.Equal(8, report.Notifiers.Count(n => n.Name.StartsWith("hang-", StringComparison.Ordinal) && n.Outcome == "timed-out"));
        foreach (var list in new[] { "supervisor", "information", "teardown", "final" })
        {
            Assert.Equal("ran", report.Notifiers.Single(n => n.Name == $"canary-{list}").Outcome);
            Assert.Contains($"canary {list}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hangs_that_outlast_the_deadline_skip_the_rest_and_the_report_and_the_exit_code_both_say_71()
    {
        using var temp = new TempDirectory();

        // 30 hangs of 200 ms each against a 2 s deadline (1.5 s for the steps): the deadline passes during the hangs.
        var (death, output) = await RunHangs(temp, "30", "2000");

        Assert.Equal(PanicExitCodes.DeadlineExceeded, death.ExitCode);
        var report = Assert.IsType<PanicPath.Reports.CrashReport>(death.Report);
        Assert.True(report.DeadlineExceeded);
        Assert.Equal(PanicExitCodes.DeadlineExceeded, report.ExitCode);
        Assert.Equal("skipped", report.Notifiers.Single(n => n.Name == "canary-final").Outcome);
        Assert.DoesNotContain("canary final", output, StringComparison.Ordinal);
    }

    private static async Task<(DeathRecord Death, string Output)> RunHangs(TempDirectory temp, params string[] arguments)
    {
        using var output = new StringWriter();
        var options = Crasher.Options(temp, "panicpath-hangs", output: TextWriter.Synchronized(output)) with
        {
            Arguments = [Crasher.Dll, "panicpath-hangs", .. arguments],
            Capture = new CrashCaptureSettings(temp.Sub("dumps")) { Armed = false },
        };

        var death = Assert.Single((await new ProcessSupervisor(options).RunAsync()).Deaths);
        return (death, output.ToString());
    }
}
