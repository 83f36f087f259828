using Microsoft.Extensions.Logging;
using PanicPath.Hosting.Logging;
using PanicPath.Lists;
using PanicPath.Logging;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Verification;

namespace PanicPath.Hosting.Tests.Hosting;

public sealed class PlanCheckTests
{
    private static readonly PanicPlan LateFlush = new(
        [
            new PanicNotifier("close", PanicList.Teardown, Nothing).Releases("broker"),
            new PanicNotifier("late-flush", PanicList.Final, Nothing).Needs("broker"),
        ],
        []);

    [Fact]
    public void Violations_are_logged_as_warnings_when_the_host_may_start()
    {
        var ring = new LogRing(256);
        var logger = new RingLoggerProvider(ring).CreateLogger("PanicPath.Plan");

        var violations = PlanCheck.Apply(LateFlush, fail: false, logger);

        Assert.NotEmpty(violations);
        var records = ring.Snapshot();
        Assert.Equal(violations.Count, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(LogRecordLevel.Warning, r.Level);
            Assert.Contains("'Final:late-flush' needs 'broker' after it was released", r.Message);
        });
    }

    [Fact]
    public void Violations_stop_the_host_when_asked_to_fail()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlanCheck.Apply(LateFlush, fail: true, new RingLoggerProvider(new LogRing(4)).CreateLogger("x")));

        Assert.Contains("late-flush", error.Message);
        Assert.Contains("policy=AfterLists, capture=armed, platform=macos", error.Message);
    }

    [Fact]
    public void A_sound_plan_logs_nothing()
    {
        var ring = new LogRing(4);
        var plan = new PanicPlan([new PanicNotifier("close", PanicList.Final, Nothing).Releases("broker")], []);

        Assert.Empty(PlanCheck.Apply(plan, fail: true, new RingLoggerProvider(ring).CreateLogger("x")));
        Assert.Empty(ring.Snapshot());
    }

    private static NotifyResult Nothing(in PanicEvent e) => NotifyResult.Done;
}
