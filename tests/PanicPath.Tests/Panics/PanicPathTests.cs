using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Reports;

namespace PanicPath.Tests.Panics;

public sealed class PanicPathTests
{
    [Fact]
    public void Lists_run_in_declared_order_and_by_priority_within_a_list()
    {
        var h = new PathHarness();
        h.Add("final", PanicList.Final);
        h.Add("teardown-low", PanicList.Teardown, -5);
        h.Add("teardown-high", PanicList.Teardown, 5);
        h.Add("info", PanicList.Information);
        h.Add("supervisor-b", PanicList.Supervisor, 1);
        h.Add("supervisor-a", PanicList.Supervisor, 1);
        h.Add("supervisor-first", PanicList.Supervisor, int.MaxValue);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        string[] expected = ["supervisor-first", "supervisor-b", "supervisor-a", "info", "teardown-high", "teardown-low", "final"];
        Assert.Equal(expected, h.Ran.ToArray());
        Assert.Equal(expected, report.Notifiers.Select(n => n.Name).ToArray());
        Assert.All(report.Notifiers, n => Assert.Equal("ran", n.Outcome));
        Assert.Equal(["supervisor", "supervisor", "supervisor", "information", "teardown", "teardown", "final"], report.Notifiers.Select(n => n.List).ToArray());
    }

    [Fact]
    public void A_throwing_notifier_costs_only_its_own_step()
    {
        var h = new PathHarness();
        h.Add("before", PanicList.Supervisor, 10);
        h.Runtime.Register(new PanicNotifier("thrower", PanicList.Supervisor, (in PanicEvent e) => throw new InvalidOperationException("boom"), 5));
        h.Add("after", PanicList.Supervisor, 0);
        h.Add("later-list", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["before", "after", "later-list"], h.Ran.ToArray());
        var thrower = Assert.Single(report.Notifiers, n => n.Name == "thrower");
        Assert.Equal("threw", thrower.Outcome);
        Assert.Equal(typeof(InvalidOperationException).FullName, thrower.Error);
    }

    [Fact]
    public void A_hung_notifier_times_out_and_the_next_notifiers_run_on_a_spare_executor()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(200), Deadline = TimeSpan.FromSeconds(60) });
        var never = new ManualResetEventSlim(false);
        h.Add("hangs", PanicList.Information, body: () => never.Wait());
        h.Add("after-hang", PanicList.Information, -1);
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal("timed-out", report.Notifiers.Single(n => n.Name == "hangs").Outcome);
        Assert.Equal(["after-hang", "final"], h.Ran.ToArray());
        never.Set();
    }

    [Fact]
    public void Eight_hung_notifiers_in_a_row_cost_only_their_own_steps_and_every_later_step_runs()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60), SpareExecutors = 3 });
        using var never = new ManualResetEventSlim(false);
        for (var i = 8; i >= 1; i--)
        {
            h.Add($"hang-{i}", PanicList.Supervisor, i, () => never.Wait());
        }

        h.Add("after-hangs", PanicList.Supervisor, -1);
        h.Add("information", PanicList.Information);
        h.Add("teardown", PanicList.Teardown);
        h.Add("final", PanicList.Final);
        var dumper = new RecordingLogDumper("log-dumper", h.Ran);
        h.Runtime.AddLogDumper(dumper);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["after-hangs", "information", "log-dumper", "teardown", "final"], h.Ran.ToArray());
        Assert.Equal(8, report.Notifiers.Count(n => n.Name.StartsWith("hang-", StringComparison.Ordinal) && n.Outcome == "timed-out"));
        Assert.DoesNotContain(report.Notifiers, n => n.Outcome == "skipped");
        Assert.False(report.DeadlineExceeded);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.Panic, report.ExitCode);

        // Four executors from install took the first four hangs; one replacement per later hang, one for the rest.
        Assert.Equal(5, h.Runtime.Executors.Replacements);
        never.Set();
    }

    [Fact]
    public void Hangs_that_the_installed_executors_absorb_start_no_thread_at_panic_time()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60), SpareExecutors = 3 });
        using var never = new ManualResetEventSlim(false);
        for (var i = 3; i >= 1; i--)
        {
            h.Add($"hang-{i}", PanicList.Supervisor, i, () => never.Wait());
        }

        h.Add("final", PanicList.Final);

        h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["final"], h.Ran.ToArray());
        Assert.Equal(0, h.Runtime.Executors.Replacements);
        never.Set();
    }

    [Fact]
    public void A_nested_panic_on_a_replacement_executor_abandons_only_its_step()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60), SpareExecutors = 0 });
        using var never = new ManualResetEventSlim(false);
        h.Add("hangs", PanicList.Supervisor, body: () => never.Wait());
        h.Runtime.Register(new PanicNotifier("panics-again", PanicList.Information, (in PanicEvent e) =>
        {
            Panic.Now("nested on a replacement");
            return NotifyResult.Done;
        }));
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["timed-out", "abandoned", "ran"], report.Notifiers.Select(n => n.Outcome).ToArray());
        Assert.Equal("nested on a replacement", Assert.Single(report.Nested).Reason);
        Assert.Equal(["final"], h.Ran.ToArray());
        Assert.Equal(2, h.Runtime.Executors.Replacements);
        never.Set();
    }

    [Fact]
    public void Without_spare_executors_each_hang_still_costs_only_its_own_step()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60), SpareExecutors = 0 });
        using var never = new ManualResetEventSlim(false);
        h.Add("hang-1", PanicList.Supervisor, 2, () => never.Wait());
        h.Add("hang-2", PanicList.Supervisor, 1, () => never.Wait());
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["timed-out", "timed-out", "ran"], report.Notifiers.Select(n => n.Outcome).ToArray());
        Assert.Equal(["final"], h.Ran.ToArray());
        never.Set();
    }

    [Fact]
    public void A_step_cut_short_by_the_deadline_skips_the_rest_and_the_report_says_deadline_exceeded_with_exit_71()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(300), Deadline = TimeSpan.FromMilliseconds(400) });
        using var never = new ManualResetEventSlim(false);
        h.Add("hangs", PanicList.Supervisor, body: () => never.Wait());
        h.Add("too-late", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal("timed-out", report.Notifiers.Single(n => n.Name == "hangs").Outcome);
        Assert.Equal("skipped", report.Notifiers.Single(n => n.Name == "too-late").Outcome);
        Assert.True(report.DeadlineExceeded);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.DeadlineExceeded, report.ExitCode);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.DeadlineExceeded, h.Runtime.ExitCode);
        Assert.Empty(h.Ran);
        never.Set();
    }

    [Fact]
    public void A_step_that_overruns_its_own_budget_while_the_path_finishes_in_time_is_not_a_deadline_exceeded()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60), ExitCode = 70 });
        using var never = new ManualResetEventSlim(false);
        h.Add("hangs", PanicList.Supervisor, body: () => never.Wait());
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal("timed-out", report.Notifiers.Single(n => n.Name == "hangs").Outcome);
        Assert.False(report.DeadlineExceeded);
        Assert.Equal(70, report.ExitCode);
        Assert.Equal(70, h.Runtime.ExitCode);
        never.Set();
    }

    [Fact]
    public void A_crash_dump_that_runs_out_the_deadline_as_the_last_step_marks_the_path_over_it()
    {
        using var never = new ManualResetEventSlim(false);
        var h = new PathHarness(new PanicOptions
        {
            NotifierBudget = TimeSpan.FromMilliseconds(100),
            Deadline = TimeSpan.FromSeconds(2),
            DumpPolicy = DumpPolicy.AfterLists,
            DumpWriter = new HangingDumpWriter(never),
            Platform = CrashPlatform.MacOS,
        });
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["ran", "timed-out"], report.Notifiers.Select(n => n.Outcome).ToArray());
        Assert.True(report.DeadlineExceeded);
        Assert.Equal(PanicPath.Exit.PanicExitCodes.DeadlineExceeded, report.ExitCode);
        never.Set();
    }

    [Fact]
    public void A_nested_panic_inside_a_notifier_abandons_it_and_the_path_goes_on()
    {
        var h = new PathHarness();
        h.Runtime.Register(new PanicNotifier("panics-again", PanicList.Information, (in PanicEvent e) =>
        {
            Panic.Now("nested reason", new TimeoutException("inner"));
            return NotifyResult.Done;
        }));
        h.Add("after", PanicList.Teardown);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "outer", null);

        Assert.Equal("abandoned", report.Notifiers.Single(n => n.Name == "panics-again").Outcome);
        Assert.Equal(["after"], h.Ran.ToArray());
        var nested = Assert.Single(report.Nested);
        Assert.Equal("panics-again", nested.Notifier);
        Assert.Equal("nested reason", nested.Reason);
        Assert.Equal(typeof(TimeoutException).FullName, nested.ExceptionType);
        Assert.Equal("outer", report.Reason);
    }

    [Fact]
    public void A_stop_result_ends_its_own_list_only()
    {
        var h = new PathHarness();
        h.Runtime.Register(new PanicNotifier("stopper", PanicList.Supervisor, (in PanicEvent e) => NotifyResult.Stop, 10));
        h.Add("skipped-by-stop", PanicList.Supervisor, 0);
        h.Add("next-list", PanicList.Information);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["next-list"], h.Ran.ToArray());
        Assert.DoesNotContain(report.Notifiers, n => n.Name == "skipped-by-stop");
    }

    [Fact]
    public void Notifiers_receive_the_reason_the_exception_and_their_list()
    {
        var h = new PathHarness();
        var seen = new List<(string, PanicList, PanicKind, Exception?)>();
        foreach (var list in Enum.GetValues<PanicList>())
        {
            h.Runtime.Register(new PanicNotifier($"seer-{list}", list, (in PanicEvent e) =>
            {
                lock (seen)
                {
                    seen.Add((e.Reason, e.List, e.Kind, e.Exception));
                }

                return NotifyResult.Done;
            }));
        }

        var boom = new ArgumentException("bad");
        h.Runtime.RunWithoutExit(PanicKind.Oops, "why", boom);

        Assert.Equal(Enum.GetValues<PanicList>(), seen.Select(s => s.Item2).ToArray());
        Assert.All(seen, s =>
        {
            Assert.Equal("why", s.Item1);
            Assert.Equal(PanicKind.Oops, s.Item3);
            Assert.Same(boom, s.Item4);
        });
    }

    [Theory]
    [InlineData(DumpPolicy.BeforeLists, new[] { "hook", "dumpfile", "supervisor", "information", "teardown", "final" })]
    [InlineData(DumpPolicy.AfterInformation, new[] { "supervisor", "information", "hook", "dumpfile", "teardown", "final" })]
    [InlineData(DumpPolicy.AfterLists, new[] { "supervisor", "information", "teardown", "final", "hook", "dumpfile" })]
    public void The_dump_policy_places_hooks_and_dump_among_the_lists(DumpPolicy policy, string[] expected)
    {
        var writer = new RecordingDumpWriter();
        var h = new PathHarness(new PanicOptions { DumpPolicy = policy, DumpWriter = writer, Platform = CrashPlatform.Linux, DumpDirectory = Path.GetTempPath() });
        writer.Ran = h.Ran;
        foreach (var list in Enum.GetValues<PanicList>())
        {
            h.Add(list.ToString().ToLowerInvariant(), list);
        }

        h.Runtime.AddCrashShutdownHook(new CrashShutdownHook("hook", () => h.Ran.Enqueue("hook")));

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(expected, h.Ran.ToArray());
        Assert.Equal(writer.Written, report.DumpPath);
        Assert.True(File.Exists(report.DumpPath));
        File.Delete(report.DumpPath!);
    }

    [Fact]
    public void Without_armed_capture_there_is_no_dump_step_and_no_hook_runs()
    {
        var h = new PathHarness(new PanicOptions { DumpPolicy = DumpPolicy.BeforeLists, Platform = CrashPlatform.Linux });
        Assert.False(h.Runtime.CaptureArmed);
        h.Runtime.AddCrashShutdownHook(new CrashShutdownHook("hook", () => h.Ran.Enqueue("hook")));
        h.Add("supervisor", PanicList.Supervisor);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(["supervisor"], h.Ran.ToArray());
        Assert.Null(report.DumpPath);
    }

    [Fact]
    public void A_platform_without_crash_shutdown_hooks_runs_none()
    {
        var h = new PathHarness(new PanicOptions { DumpWriter = new RecordingDumpWriter(), Platform = CrashPlatform.MacOS });
        h.Runtime.AddCrashShutdownHook(new CrashShutdownHook("hook", () => h.Ran.Enqueue("hook")));

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Empty(h.Ran);
        Assert.NotNull(report.DumpPath);
        File.Delete(report.DumpPath!);
    }

    [Fact]
    public void A_notifier_that_skips_when_capture_is_armed_is_recorded_skipped_only_when_armed()
    {
        var armed = new PathHarness(new PanicOptions { DumpWriter = new RecordingDumpWriter() });
        armed.Runtime.Register(new PanicNotifier("unload", PanicList.Final, (in PanicEvent e) => NotifyResult.Done).SkipWhenCaptureArmed());
        var unarmed = new PathHarness();
        unarmed.Runtime.Register(new PanicNotifier("unload", PanicList.Final, (in PanicEvent e) => NotifyResult.Done).SkipWhenCaptureArmed());

        var armedReport = armed.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);
        var unarmedReport = unarmed.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal("skipped", armedReport.Notifiers.Single(n => n.Name == "unload").Outcome);
        Assert.Equal("ran", unarmedReport.Notifiers.Single(n => n.Name == "unload").Outcome);
        File.Delete(armedReport.DumpPath!);
    }

    [Fact]
    public void A_panicking_runtime_ignores_oops_and_orderly_shutdown()
    {
        var h = new PathHarness();
        var dieCalls = 0;
        h.Runtime.DieChain.Register((in PanicPath.Oops.OopsEvent e) =>
        {
            dieCalls++;
            return NotifyResult.Done;
        });
        var shutdownCalls = 0;
        h.Runtime.ShutdownChain.Register((e, ct) =>
        {
            shutdownCalls++;
            return ValueTask.FromResult(NotifyResult.Done);
        });
        h.Runtime.Register(new PanicNotifier("oopser", PanicList.Supervisor, (in PanicEvent e) =>
        {
            PanicRuntime.Current?.Oops("ignored");
            return NotifyResult.Done;
        }));
        var runtime = h.Runtime;
        h.Runtime.Register(new PanicNotifier("inner", PanicList.Information, (in PanicEvent e) =>
        {
            runtime.Oops("during panic");
            runtime.ShutdownAsync("during panic").GetAwaiter().GetResult();
            return NotifyResult.Done;
        }));

        h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);

        Assert.Equal(0, dieCalls);
        Assert.Equal(0, shutdownCalls);
    }

    [Fact]
    public void The_same_descriptor_is_refused_twice_but_two_descriptors_may_share_a_handler()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());
        var first = new PanicNotifier("one", PanicList.Final, Shared);
        runtime.Register(first);
        runtime.Register(new PanicNotifier("two", PanicList.Final, Shared));

        var error = Assert.Throws<InvalidOperationException>(() => runtime.Register(first));
        Assert.Contains("'one'", error.Message);
        Assert.Equal(2, runtime.Chain(PanicList.Final).Count);
    }

    private static NotifyResult Shared(in PanicEvent e) => NotifyResult.Done;

    private sealed class RecordingDumpWriter : ICrashDumpWriter
    {
        internal System.Collections.Concurrent.ConcurrentQueue<string>? Ran { get; set; }

        internal string? Written { get; private set; }

        public string WriteDump(string directory)
        {
            Ran?.Enqueue("dumpfile");
            Written = Path.Combine(directory, $"test-dump-{Guid.NewGuid():N}.dmp");
            File.WriteAllText(Written, "dump");
            return Written;
        }
    }

    private sealed class HangingDumpWriter(ManualResetEventSlim release) : ICrashDumpWriter
    {
        public string WriteDump(string directory)
        {
            release.Wait();
            return Path.Combine(directory, "never-written.dmp");
        }
    }

    private sealed class RecordingLogDumper(string name, System.Collections.Concurrent.ConcurrentQueue<string> ran) : PanicPath.Logging.LogDumper(name, PanicPath.Logging.LogDumpReason.Panic, 256)
    {
        protected override void Dump(PanicPath.Logging.LogDumpReason reason, ReadOnlySpan<byte> youngestLines) => ran.Enqueue(Name);
    }
}
