namespace PanicPath.Hosting.Tests.EndToEnd;

public sealed class CrashCaptureTests
{
    [Fact]
    public void With_the_in_process_dumper_the_dump_step_runs_hooks_then_writes_the_dump_where_the_policy_puts_it()
    {
        var dumps = Path.Combine(Path.GetTempPath(), "panicpath-dumps-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dumps);
        using var run = DemoRun.Complete("notifier-throws", new Dictionary<string, string>
        {
            ["CRASHDEMO_DUMP_DIR"] = dumps,
            ["CRASHDEMO_DUMP_POLICY"] = "AfterInformation",
        });

        Assert.Equal(Exit.PanicExitCodes.Panic, run.ExitCode);
        var output = run.Output.ToList();
        var hook = output.IndexOf("crash-shutdown release-lease");
        Assert.True(output.FindIndex(l => l.StartsWith("log-dump Panic", StringComparison.Ordinal)) < hook);
        Assert.True(hook < output.IndexOf("notifier teardown/flush-telemetry"));
        var report = run.SingleReport();
        Assert.NotNull(report.DumpPath);
        Assert.True(File.Exists(report.DumpPath));
        Assert.True(new FileInfo(report.DumpPath).Length > 0);
        Assert.Equal(["supervisor", "information", "log-dump", "crash-shutdown", "crash-dump", "teardown", "final"], report.Notifiers.Select(n => n.List).Distinct().ToArray());
        Assert.Equal("ran", report.Notifiers.Single(n => n.List == "crash-dump").Outcome);
        Directory.Delete(dumps, recursive: true);
    }

    [Fact]
    public void Without_armed_capture_no_crash_shutdown_hook_runs()
    {
        using var run = DemoRun.Complete("unhandled");

        Assert.DoesNotContain("crash-shutdown release-lease", run.Output);
        Assert.Null(run.SingleReport().DumpPath);
    }

    [Fact]
    public void With_the_runtime_dump_armed_the_path_ends_in_an_abort_so_createdump_writes_the_dump()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The abort is SIGABRT (134) on Unix; Windows reports a fail-fast code instead.
        }

        var dumpName = Path.Combine(Path.GetTempPath(), $"panicpath-core-{Guid.NewGuid():N}");
        using var run = DemoRun.Complete("unhandled", new Dictionary<string, string>
        {
            ["DOTNET_DbgEnableMiniDump"] = "1",
            ["DOTNET_DbgMiniDumpType"] = "1",
            ["DOTNET_DbgMiniDumpName"] = dumpName,
        });

        try
        {
            Assert.Equal(134, run.ExitCode);
            Assert.True(File.Exists(dumpName), run.Error);
            var report = run.SingleReport();
            Assert.Equal(134, report.ExitCode);
            var output = run.Output.ToList();
            Assert.Equal(0, output.IndexOf("crash-shutdown release-lease") - output.IndexOf("ready") - 1); // dump policy BeforeLists: the hook runs first
            Assert.Contains("notifier final/final-words", output);
        }
        finally
        {
            File.Delete(dumpName);
        }
    }
}
