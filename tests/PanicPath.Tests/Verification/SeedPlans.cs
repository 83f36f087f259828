using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Verification;

namespace PanicPath.Tests.Verification;

/// <summary>
/// The seed review's Hyper-V panic notifiers written as .NET registrations: "bus" is the guest-host
/// connection, the report notifier tells the supervisor, the framebuffer flush writes over the bus,
/// the unload releases it (late), and the crash-shutdown hook releases it on the dump path.
/// </summary>
internal static class SeedPlans
{
    private static NotifyResult Nothing(in PanicEvent e) => NotifyResult.Done;

    /// <summary>
    /// The series as posted: the unload skips itself when capture is armed, leaving the release to a
    /// crash-shutdown hook that one platform lacks (bug 1); the flush is on the teardown list, which runs
    /// after the dump step's hook has released the bus (bug 2).
    /// </summary>
    internal static PanicPlan Buggy() => new(
        [
            new PanicNotifier("report-crash", PanicList.Supervisor, Nothing),
            new PanicNotifier("framebuffer-flush", PanicList.Teardown, Nothing, int.MinValue + 10).Needs("bus"),
            new PanicNotifier("bus-unload", PanicList.Final, Nothing, int.MinValue + 1).Releases("bus").SkipWhenCaptureArmed(),
        ],
        [new CrashShutdownHook("bus-crash-shutdown", () => { }).Releases("bus")]);

    /// <summary>
    /// The fixes: the flush moves to the supervisor list (the review's suggestion), and the unload no
    /// longer defers to a platform hook: it runs whatever the capture, on the last list.
    /// </summary>
    internal static PanicPlan Fixed() => new(
        [
            new PanicNotifier("report-crash", PanicList.Supervisor, Nothing, 10),
            new PanicNotifier("framebuffer-flush", PanicList.Supervisor, Nothing, 0).Needs("bus"),
            new PanicNotifier("bus-unload", PanicList.Final, Nothing, int.MinValue + 1).Releases("bus"),
        ],
        []);
}
