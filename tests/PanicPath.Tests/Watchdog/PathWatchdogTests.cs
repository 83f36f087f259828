using PanicPath.Watchdog;

namespace PanicPath.Tests.Watchdog;

public sealed class PathWatchdogTests
{
    [Fact]
    public void The_watchdog_acts_when_the_path_overruns_its_deadline()
    {
        using var fired = new ManualResetEventSlim(false);
        var watchdog = new PathWatchdog(TimeSpan.FromMilliseconds(50), fired.Set);

        watchdog.Arm();

        Assert.True(fired.Wait(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void The_watchdog_stays_quiet_when_the_path_finishes()
    {
        var fired = 0;
        var watchdog = new PathWatchdog(TimeSpan.FromMilliseconds(300), () => Interlocked.Increment(ref fired));

        watchdog.Arm();
        watchdog.Disarm();
        Thread.Sleep(600);

        Assert.Equal(0, Volatile.Read(ref fired));
    }

    [Fact]
    public void The_watchdog_does_nothing_before_a_panic_starts()
    {
        var fired = 0;
        _ = new PathWatchdog(TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref fired));

        Thread.Sleep(200);

        Assert.Equal(0, Volatile.Read(ref fired));
    }
}
