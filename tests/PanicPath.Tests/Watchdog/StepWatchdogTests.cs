using System.Diagnostics;
using PanicPath.Watchdog;

namespace PanicPath.Tests.Watchdog;

public sealed class StepWatchdogTests
{
    [Fact]
    public void A_step_past_its_expiry_is_claimed_once_and_its_walker_can_no_longer_end_it()
    {
        var overruns = 0;
        using var claimed = new ManualResetEventSlim(false);
        var watchdog = new StepWatchdog(TimeSpan.FromMilliseconds(10), () =>
        {
            Interlocked.Increment(ref overruns);
            claimed.Set();
        });

        watchdog.Arm();
        var step = watchdog.Enter(Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20);

        Assert.True(claimed.Wait(TimeSpan.FromMinutes(1)));
        Assert.False(watchdog.TryLeave(step));
        Assert.False(watchdog.TryClaim(step));
        Assert.Equal(1, Volatile.Read(ref overruns));
    }

    [Fact]
    public void A_step_that_ends_before_its_expiry_is_not_claimed()
    {
        var overruns = 0;
        var watchdog = new StepWatchdog(TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref overruns));

        watchdog.Arm();
        var step = watchdog.Enter(Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3600);

        Assert.True(watchdog.TryLeave(step));
        Assert.False(watchdog.TryClaim(step));
        watchdog.Disarm();
        Assert.Equal(0, Volatile.Read(ref overruns));
    }
}
