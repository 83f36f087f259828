using System.Collections.Concurrent;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Reports;

namespace PanicPath.Tests.Panics;

/// <summary>The panicking thread walks the path itself; only an overrun moves the rest to another thread.</summary>
public sealed class InlinePathTests
{
    [Fact]
    public void Without_an_overrun_every_notifier_runs_on_the_panicking_thread()
    {
        var h = new PathHarness();
        var threads = new ConcurrentQueue<(int Ran, int Panicked)>();
        foreach (var list in Enum.GetValues<PanicList>())
        {
            h.Runtime.Register(new PanicNotifier($"n-{list}", list, (in PanicEvent e) =>
            {
                threads.Enqueue((Environment.CurrentManagedThreadId, e.ThreadId));
                return NotifyResult.Done;
            }));
        }

        h.Runtime.RunInline(PanicKind.Panic, "test", null);
        var report = CrashReport.Parse(h.Runtime.LastReportBytes);

        Assert.Equal(4, threads.Count);
        Assert.All(threads, t => Assert.Equal(Environment.CurrentManagedThreadId, t.Ran));
        Assert.All(threads, t => Assert.Equal(t.Panicked, t.Ran));
        Assert.All(report.Notifiers, n => Assert.Equal("ran", n.Outcome));
    }

    [Fact]
    public void A_notifier_that_overruns_moves_the_rest_of_the_path_to_another_thread_and_the_rest_still_runs_in_order()
    {
        var spool = Path.Combine(Path.GetTempPath(), "panicpath-tests-" + Guid.NewGuid().ToString("N"));
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60), SpoolDirectory = spool });
        using var never = new ManualResetEventSlim(false);
        var ranOn = new ConcurrentQueue<(string Name, int Thread)>();
        void Add(string name, PanicList list, int priority) => h.Add(name, list, priority, () => ranOn.Enqueue((name, Environment.CurrentManagedThreadId)));
        Add("first", PanicList.Supervisor, 3);
        Add("second", PanicList.Supervisor, 2);
        h.Add("hangs", PanicList.Supervisor, 1, () => never.Wait());
        Add("same-list-after", PanicList.Supervisor, 0);
        Add("information", PanicList.Information, 0);
        Add("teardown-high", PanicList.Teardown, 1);
        Add("teardown-low", PanicList.Teardown, 0);
        Add("final", PanicList.Final, 0);

        // This thread panics and walks the path itself; it stays stuck in "hangs", as a real one would.
        var panicking = new Thread(() => h.Runtime.RunInline(PanicKind.Panic, "test", null)) { IsBackground = true };
        panicking.Start();
        Assert.True(SpinWait.SpinUntil(() => Directory.Exists(spool) && Directory.GetFiles(spool, "*.json").Length > 0, TimeSpan.FromMinutes(1)));
        var report = CrashReport.Parse(File.ReadAllBytes(Assert.Single(Directory.GetFiles(spool, "*.json"))));

        Assert.Equal(["first", "second", "same-list-after", "information", "teardown-high", "teardown-low", "final"], h.Ran.ToArray());
        Assert.Equal(["first", "second", "hangs", "same-list-after", "information", "teardown-high", "teardown-low", "final"], report.Notifiers.Select(n => n.Name).ToArray());
        Assert.Equal(["ran", "ran", "timed-out", "ran", "ran", "ran", "ran", "ran"], report.Notifiers.Select(n => n.Outcome).ToArray());
        var steps = ranOn.ToArray();
        Assert.Equal(panicking.ManagedThreadId, steps[0].Thread);
        Assert.Equal(panicking.ManagedThreadId, steps[1].Thread);
        Assert.All(steps.Skip(2), s => Assert.NotEqual(panicking.ManagedThreadId, s.Thread));
        Assert.False(report.DeadlineExceeded);
        never.Set();
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public void A_hung_notifier_that_returns_late_resumes_nothing_and_nothing_runs_or_is_recorded_twice()
    {
        var h = new PathHarness(new PanicOptions { NotifierBudget = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(60) });
        using var release = new ManualResetEventSlim(false);
        using var returned = new ManualResetEventSlim(false);
        var afterRuns = 0;
        h.Runtime.Register(new PanicNotifier("hangs-then-returns", PanicList.Supervisor, (in PanicEvent e) =>
        {
            release.Wait();
            returned.Set();
            return NotifyResult.Done;
        }, 1));
        h.Runtime.Register(new PanicNotifier("after", PanicList.Supervisor, (in PanicEvent e) =>
        {
            Interlocked.Increment(ref afterRuns);
            return NotifyResult.Done;
        }, 0));
        h.Add("final", PanicList.Final);

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "test", null);
        release.Set();
        Assert.True(returned.Wait(TimeSpan.FromMinutes(1)));

        // A thread that resumed the path would run "after" again within microseconds; give it far longer.
        Assert.False(SpinWait.SpinUntil(() => Volatile.Read(ref afterRuns) > 1 || h.Ran.Count > 1, TimeSpan.FromSeconds(2)));
        Assert.Equal(1, Volatile.Read(ref afterRuns));
        Assert.Equal(["final"], h.Ran.ToArray());
        Assert.Equal(["timed-out", "ran", "ran"], report.Notifiers.Select(n => n.Outcome).ToArray());
    }

    [Fact]
    public void A_nested_panic_inline_moves_the_rest_to_another_thread_and_the_panicking_thread_runs_nothing_more()
    {
        var h = new PathHarness();
        var panicking = 0;
        var finalOn = 0;
        h.Runtime.Register(new PanicNotifier("panics-again", PanicList.Supervisor, (in PanicEvent e) =>
        {
            panicking = Environment.CurrentManagedThreadId;
            Panic.Now("nested");
            return NotifyResult.Done;
        }));
        h.Runtime.Register(new PanicNotifier("final", PanicList.Final, (in PanicEvent e) =>
        {
            finalOn = Environment.CurrentManagedThreadId;
            return NotifyResult.Done;
        }));

        var report = h.Runtime.RunWithoutExit(PanicKind.Panic, "outer", null);

        Assert.Equal(["abandoned", "ran"], report.Notifiers.Select(n => n.Outcome).ToArray());
        Assert.Equal("nested", Assert.Single(report.Nested).Reason);
        Assert.NotEqual(0, finalOn);
        Assert.NotEqual(panicking, finalOn);
    }
}
