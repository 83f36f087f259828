using PanicPath.Supervisor.Deaths;
using PanicPath.Supervisor.Launch;
using PanicPath.Supervisor.Runs;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.EndToEnd;

public sealed class CrasherDeathTests
{
    [Fact]
    public async Task An_unhandled_exception_is_recorded_with_the_runtime_dump_and_crash_report_and_its_exception_type()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Crasher.Run(temp, "unhandled")).Deaths);

        Assert.Equal(DeathCause.UnhandledException, death.Cause);
        Assert.Equal(134, death.ExitCode);
        Assert.Equal("SIGABRT", death.Signal);
        Assert.Null(death.Report);
        AssertDumpAndCrashReport(temp, death);
        Assert.StartsWith("System.InvalidOperationException: crasher unhandled", death.Title, StringComparison.Ordinal);
        Assert.Contains("Unhandled exception. System.InvalidOperationException: crasher unhandled", death.StderrTail, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", RuntimeCrashReport.TryRead(death.CrashReport!)!.ExceptionType);
    }

    [Fact]
    public async Task An_oops_escalated_by_PanicPath_carries_the_in_process_report_from_the_spool()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Crasher.Run(temp, "oops-panic")).Deaths);

        Assert.Equal(DeathCause.OopsPanic, death.Cause);
        Assert.NotNull(death.Report);
        Assert.Equal("oops", death.Report.Kind);
        Assert.Equal("request failed", death.Report.Reason);
        Assert.Equal(death.Pid, death.Report.Pid);
        Assert.Equal(typeof(TimeoutException).FullName, death.Report.Exception!.Type);
        Assert.Equal(death.Report.Exception.Signature, death.Signature);
        Assert.Equal("System.TimeoutException: crasher oops", death.Title);
        Assert.Equal(134, death.ExitCode); // with the runtime dump armed the path ends in an abort
        AssertDumpAndCrashReport(temp, death);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Sub("spool"))); // the run's spool is removed once recorded
    }

    [Fact]
    public async Task An_unhandled_exception_in_an_app_with_PanicPath_carries_the_in_process_report_and_its_signature()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Crasher.Run(temp, "panicpath-unhandled")).Deaths);

        Assert.Equal(DeathCause.UnhandledException, death.Cause);
        Assert.NotNull(death.Report);
        Assert.Equal("panic", death.Report.Kind);
        Assert.Equal("unhandled exception", death.Report.Reason);
        Assert.Equal("Crashers.Deaths.Throw", death.Report.Exception!.Method);
        Assert.Equal(death.Report.Exception.Signature, death.Signature);
        Assert.Equal("System.InvalidOperationException: crasher unhandled", death.Title);
        Assert.Equal(134, death.ExitCode);
        AssertDumpAndCrashReport(temp, death);
    }

    [Fact]
    public async Task Fail_fast_is_told_from_the_runtime_crash_report_and_leaves_a_dump()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Crasher.Run(temp, "failfast")).Deaths);

        Assert.Equal(DeathCause.FailFast, death.Cause);
        Assert.Equal(134, death.ExitCode);
        Assert.Equal("SIGABRT", death.Signal);
        AssertDumpAndCrashReport(temp, death);
        Assert.Equal("fail-fast: crasher fail-fast", death.Title);
        Assert.Contains("Process terminated.", death.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stack_overflow_is_told_from_the_runtime_crash_report_and_leaves_a_dump()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Crasher.Run(temp, "stack-overflow")).Deaths);

        Assert.Equal(DeathCause.StackOverflow, death.Cause);
        Assert.Equal(134, death.ExitCode);
        AssertDumpAndCrashReport(temp, death);
        Assert.Contains("Stack overflow.", death.StderrTail, StringComparison.Ordinal);
        Assert.Contains("Crashers.Deaths.Recurse(Int32)", RuntimeCrashReport.TryRead(death.CrashReport!)!.Frames);
    }

    [Fact]
    public async Task A_native_segmentation_fault_is_a_SIGSEGV_signal_death_with_a_dump()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await Crasher.Run(temp, "segv")).Deaths);

        Assert.Equal(DeathCause.Signal, death.Cause);
        Assert.Equal(139, death.ExitCode);
        Assert.Equal("SIGSEGV", death.Signal);
        Assert.Equal("killed by SIGSEGV", death.Title);
        AssertDumpAndCrashReport(temp, death);
    }

    [Fact]
    public async Task SIGKILL_is_a_signal_death_without_dump_or_crash_report()
    {
        using var temp = new TempDirectory();
        var result = await Crasher.Run(temp, "sigkill");
        var death = Assert.Single(result.Deaths);

        Assert.Equal(DeathCause.Signal, death.Cause);
        Assert.Equal(137, death.ExitCode);
        Assert.Equal(137, result.ExitCode);
        Assert.Equal("SIGKILL", death.Signal);
        Assert.Null(death.Dump);
        Assert.Null(death.CrashReport);
        Assert.Null(death.Report);
    }

    [Fact]
    public async Task A_plain_exit_code_is_an_exit_code_death_with_the_output_tails_and_the_child_pid()
    {
        using var temp = new TempDirectory();
        using var output = new StringWriter();
        var result = await Crasher.Run(temp, "exit3", output: output);
        var death = Assert.Single(result.Deaths);

        Assert.Equal(DeathCause.ExitCode, death.Cause);
        Assert.Equal(3, death.ExitCode);
        Assert.Equal(3, result.ExitCode);
        Assert.Null(death.Signal);
        Assert.Null(death.Dump);
        Assert.Equal("exit code 3", death.Title);
        Assert.Equal("crasher exiting with 3", death.StderrTail);
        Assert.Equal($"crasher exit3 pid {death.Pid}", death.StdoutTail);
        Assert.Contains($"crasher exit3 pid {death.Pid}", output.ToString(), StringComparison.Ordinal); // passed through
        Assert.True(death.StartedAt <= death.EndedAt);
    }

    [Fact]
    public async Task The_tails_keep_only_the_last_lines()
    {
        using var temp = new TempDirectory();
        var death = Assert.Single((await new ProcessSupervisor(Crasher.Options(temp, "failfast", tailLines: 2)).RunAsync()).Deaths);

        var lines = death.StderrTail.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("   at Program.<Main>$(System.String[])", lines[^1]);
    }

    [Fact]
    public async Task With_crash_capture_disarmed_an_unhandled_exception_is_recorded_without_dump_or_crash_report()
    {
        using var temp = new TempDirectory();
        var options = Crasher.Options(temp, "unhandled");
        options = options with { Capture = options.Capture with { Armed = false } };
        var death = Assert.Single((await new ProcessSupervisor(options).RunAsync()).Deaths);

        Assert.Equal(DeathCause.UnhandledException, death.Cause);
        Assert.Equal("SIGABRT", death.Signal);
        Assert.Null(death.Dump);
        Assert.Null(death.CrashReport);
        Assert.False(Directory.Exists(temp.Sub("dumps")));
        Assert.StartsWith("System.InvalidOperationException: crasher unhandled", death.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_does_not_exist_is_refused_with_its_name()
    {
        using var temp = new TempDirectory();
        var options = Crasher.Options(temp, "exit3");
        var missing = Path.Combine(temp.Path, "no-such-program");

        var error = await Assert.ThrowsAsync<ChildStartException>(() => new ProcessSupervisor(new SupervisorOptions
        {
            Command = missing, Capture = options.Capture, SpoolRoot = options.SpoolRoot, ForwardSignals = false,
        }).RunAsync());
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(options.SpoolRoot));
    }

    private static void AssertDumpAndCrashReport(TempDirectory temp, DeathRecord death)
    {
        Assert.Equal(Path.Combine(temp.Sub("dumps"), $"core.{death.Pid}"), death.Dump);
        Assert.Equal(death.Dump + ".crashreport.json", death.CrashReport);
        Assert.True(new FileInfo(death.Dump!).Length > 0);
        Assert.NotNull(RuntimeCrashReport.TryRead(death.CrashReport!));
    }
}
