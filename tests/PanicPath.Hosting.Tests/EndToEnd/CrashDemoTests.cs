using PanicPath.Exit;

namespace PanicPath.Hosting.Tests.EndToEnd;

public sealed class CrashDemoTests
{
    private static readonly string[] AllNotifiers =
    [
        "notifier supervisor/tell-supervisor",
        "notifier supervisor/mark-unhealthy",
        "notifier information/add-build-info",
        "notifier teardown/flush-telemetry",
        "notifier teardown/close-broker",
        "notifier final/final-words",
        "notifier final/release-lease",
    ];

    [Fact]
    public void An_unhandled_exception_runs_the_lists_in_declared_order_and_exits_with_the_panic_code()
    {
        using var run = DemoRun.Complete("unhandled");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Equal(AllNotifiers, run.NotifierLines);
        var output = run.Output.ToList();
        Assert.True(output.IndexOf("notifier information/add-build-info") < output.FindIndex(l => l.StartsWith("log-dump Panic", StringComparison.Ordinal)));
        Assert.True(output.FindIndex(l => l.StartsWith("log-dump Panic", StringComparison.Ordinal)) < output.IndexOf("notifier teardown/flush-telemetry"));
        var report = run.SingleReport();
        Assert.Equal("panic", report.Kind);
        Assert.Equal("unhandled exception", report.Reason);
        Assert.Equal(run.ProcessId, report.Pid);
        Assert.Equal(typeof(InvalidOperationException).FullName, report.Exception!.Type);
        Assert.Equal("demo unhandled", report.Exception.Message);
        Assert.Equal(PanicExitCodes.Panic, report.ExitCode);
        Assert.All(report.Notifiers, n => Assert.Equal("ran", n.Outcome));
    }

    [Fact]
    public void Thirty_two_threads_failing_at_once_produce_one_report_and_one_run_of_the_path()
    {
        using var run = DemoRun.Complete("unhandled-many");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Single(run.ReportFiles());
        Assert.Equal(AllNotifiers, run.NotifierLines);
        Assert.Single(run.Output, l => l.StartsWith("log-dump Panic", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(run.Error, "panic: unhandled exception"));
    }

    [Fact]
    public void A_hung_notifier_times_out_and_the_path_completes_with_the_later_notifiers_and_the_report()
    {
        using var run = DemoRun.Complete("notifier-hangs");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Contains("notifier information/hangs", run.NotifierLines);
        Assert.Equal(AllNotifiers, run.NotifierLines.Where(l => l != "notifier information/hangs"));
        var report = run.SingleReport();
        Assert.Equal("timed-out", report.Notifiers.Single(n => n.Name == "hangs").Outcome);
        Assert.All(report.Notifiers.Where(n => n.Name != "hangs"), n => Assert.Equal("ran", n.Outcome));
        Assert.False(report.DeadlineExceeded);
    }

    [Fact]
    public void A_throwing_notifier_costs_only_its_own_step()
    {
        using var run = DemoRun.Complete("notifier-throws");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Equal(AllNotifiers, run.NotifierLines.Where(l => l != "notifier information/throws"));
        var report = run.SingleReport();
        var thrower = report.Notifiers.Single(n => n.Name == "throws");
        Assert.Equal("threw", thrower.Outcome);
        Assert.Equal(typeof(InvalidOperationException).FullName, thrower.Error);
    }

    [Fact]
    public void A_nested_panic_abandons_its_notifier_and_the_path_goes_on()
    {
        using var run = DemoRun.Complete("nested-panic");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Equal(AllNotifiers, run.NotifierLines.Where(l => l != "notifier information/panics-again"));
        var report = run.SingleReport();
        Assert.Equal("demo panic", report.Reason);
        Assert.Equal("abandoned", report.Notifiers.Single(n => n.Name == "panics-again").Outcome);
        var nested = Assert.Single(report.Nested);
        Assert.Equal("panic inside a notifier", nested.Reason);
        Assert.Equal("panics-again", nested.Notifier);
    }

    [Fact]
    public void A_notifier_calling_Environment_Exit_costs_only_its_own_step_and_the_exit_code_stays_the_panic_code()
    {
        using var run = DemoRun.Complete("notifier-exits");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Equal(AllNotifiers, run.NotifierLines.Where(l => l != "notifier information/calls-exit"));
        Assert.Equal("timed-out", run.SingleReport().Notifiers.Single(n => n.Name == "calls-exit").Outcome);
    }

    [Fact]
    public void Notifiers_blocked_on_a_lock_held_by_a_stalled_thread_each_cost_only_their_own_step_and_the_path_completes_in_time()
    {
        // The demo's flooding thread blocks in a stderr write while holding the console lock; every
        // notifier and dumper prints, so each one blocks. Four executors (one plus three spares) are
        // lost to the first four time-outs; each later step runs on a replacement executor and times
        // out in its turn. Eight steps of 1 s fit the 30 s deadline: the report is written, exit 70.
        using var run = DemoRun.Start("stderr-stuck", readError: false);
        run.WaitForExit();

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Empty(run.NotifierLines);
        var report = run.SingleReport();
        Assert.Equal("demo panic with a stalled stderr", report.Reason);
        Assert.True(report.Notifiers.Count > 4);
        Assert.All(report.Notifiers, n => Assert.Equal("timed-out", n.Outcome));
        Assert.Contains(report.Notifiers, n => n.List == "final");
        Assert.False(report.DeadlineExceeded);
        Assert.Equal(PanicExitCodes.Panic, report.ExitCode);
    }

    [Fact]
    public void A_panic_before_any_runtime_is_installed_still_exits_with_the_panic_code()
    {
        using var run = DemoRun.Complete("no-runtime");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.Contains("panic: panic before install (no PanicRuntime installed)", run.Error);
        Assert.Empty(run.ReportFiles());
    }

    [Fact]
    public void An_oops_dumps_the_log_with_reason_oops_and_the_process_survives_without_a_report()
    {
        using var run = DemoRun.Complete("oops");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("survived oops", run.Output);
        Assert.Contains(run.Output, l => l.StartsWith("log-dump Oops", StringComparison.Ordinal) && l.Contains("oops: request failed in GET /orders", StringComparison.Ordinal));
        Assert.Empty(run.NotifierLines);
        Assert.Empty(run.ReportFiles());
    }

    [Fact]
    public void A_plan_that_breaks_the_ordering_rules_stops_the_host_at_start_under_FailOnPlanViolation()
    {
        using var run = DemoRun.Complete("oops", new Dictionary<string, string> { ["CRASHDEMO_BAD_PLAN"] = "1" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("ready", run.Output);
        var report = run.SingleReport();
        Assert.Equal(typeof(InvalidOperationException).FullName, report.Exception!.Type);
        Assert.Contains("'Final:late-flush' needs 'broker' after it was released", report.Exception.Message);
    }

    [Fact]
    public void An_unobserved_task_exception_is_an_oops_not_a_panic()
    {
        using var run = DemoRun.Complete("unobserved-task");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Output, l => l.StartsWith("log-dump Oops", StringComparison.Ordinal) && l.Contains("unobserved task exception", StringComparison.Ordinal));
        Assert.Contains("survived unobserved task", run.Output);
        Assert.Empty(run.ReportFiles());
    }

    [Fact]
    public void An_oops_under_PanicOnOops_panics_with_kind_oops()
    {
        using var run = DemoRun.Complete("oops-panic");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.DoesNotContain("survived oops", run.Output);
        var output = run.Output.ToList();
        Assert.True(output.FindIndex(l => l.StartsWith("log-dump Oops", StringComparison.Ordinal)) < output.IndexOf("notifier supervisor/tell-supervisor"));
        var report = run.SingleReport();
        Assert.Equal("oops", report.Kind);
        Assert.Equal("request failed", report.Reason);
        Assert.Equal(typeof(TimeoutException).FullName, report.Exception!.Type);
    }

    [Fact]
    public void A_warning_under_PanicOnWarn_panics()
    {
        using var run = DemoRun.Complete("warn-panic");

        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.DoesNotContain("survived warning", run.Output);
        Assert.Equal("warning: queue above high-water mark", run.SingleReport().Reason);
    }

    [Fact]
    public void A_failed_background_service_raises_an_oops_that_panics_with_a_non_zero_exit()
    {
        using var run = DemoRun.Complete("background-service");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(PanicExitCodes.Panic, run.ExitCode);
        Assert.DoesNotContain("exited cleanly", run.Output);
        Assert.Contains(run.Output, l => l.StartsWith("log-dump Oops", StringComparison.Ordinal));
        var report = run.SingleReport();
        Assert.Equal("oops", report.Kind);
        Assert.Contains("CrashDemo.FailingService", report.Reason);
        Assert.Equal("queue consumer lost its connection", report.Exception!.Message);
        Assert.Equal(AllNotifiers, run.NotifierLines);
    }

    [Fact]
    public void The_long_report_holds_the_youngest_log_records_that_fit_its_buffer()
    {
        using var run = DemoRun.Complete("notifier-throws");

        var report = run.SingleReport();
        Assert.Equal("long", report.Form);
        var log = report.Log!;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(log) <= 4096);
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("CrashDemo: work item 99 done", lines[^1]);
        var first = int.Parse(lines[0].Split("work item ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(first > 0, "the oldest records must have been left out");
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.EndsWith($"work item {first + i} done", lines[i]);
        }
    }

    [Fact]
    public void Sigterm_runs_the_orderly_shutdown_chain_and_a_shutdown_log_dump_not_a_panic()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGTERM is a Unix signal; Windows has no equivalent to send.
        }

        using var run = DemoRun.Start("sigterm");
        run.WaitForReady();

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", run.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        run.WaitForExit();

        Assert.Equal(0, run.ExitCode);
        var output = run.Output.ToList();
        var drain = output.IndexOf("shutdown drain-requests (SIGTERM)");
        var close = output.IndexOf("shutdown close-broker");
        var dump = output.FindIndex(l => l.StartsWith("log-dump Shutdown", StringComparison.Ordinal));
        Assert.True(drain >= 0 && drain < close && close < dump, string.Join('\n', output));
        Assert.Contains("exited cleanly", output);
        Assert.Empty(run.NotifierLines);
        Assert.Empty(run.ReportFiles());
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
