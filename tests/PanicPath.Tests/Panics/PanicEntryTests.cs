using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;

namespace PanicPath.Tests.Panics;

/// <summary>
/// Panic entry: the first thread to panic runs the path; a thread that panics while it runs parks for
/// good, asleep (it takes no CPU from the path), and runs nothing of the path.
/// </summary>
public sealed class PanicEntryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_thread_that_panics_while_another_panic_runs_parks_asleep_and_runs_no_notifier()
    {
        var h = new PathHarness();
        using var release = new ManualResetEventSlim(false);
        using var inside = new ManualResetEventSlim(false);
        var calls = 0;
        h.Runtime.Register(new PanicNotifier("held", PanicList.Supervisor, (in PanicEvent e) =>
        {
            Interlocked.Increment(ref calls);
            inside.Set();
            release.Wait(Patience);
            return NotifyResult.Done;
        }));
        var first = Task.Run(() => h.Runtime.RunWithoutExit(PanicKind.Panic, "first", null));
        Assert.True(inside.Wait(Patience), "the first panic reaches its notifier");

        var second = new Thread(() => h.Runtime.Panic(PanicKind.Panic, "second", new InvalidOperationException("second"))) { IsBackground = true, Name = "second panic" };
        second.Start();
        Assert.True(SpinWait.SpinUntil(() => Asleep(second), Patience), "the second panicking thread goes to sleep");
        release.Set();
        var report = await first;

        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Equal("first", report.Reason);
        Assert.False(SpinWait.SpinUntil(() => !Asleep(second), TimeSpan.FromMilliseconds(300)), "the second thread stays parked, asleep, after the path ended");
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    private static bool Asleep(Thread thread) => thread.IsAlive && (thread.ThreadState & ThreadState.WaitSleepJoin) != 0;
}
