using PanicPath.Dumps;
using PanicPath.Lists;
using PanicPath.Notifiers;
using PanicPath.Panics;
using PanicPath.Verification;

namespace PanicPath.Tests.Verification;

public sealed class PlanVerifierTests
{
    [Fact]
    public void The_release_left_to_a_hook_the_platform_lacks_is_reported_for_that_platform_with_capture_armed()
    {
        var violations = PlanVerifier.Verify(SeedPlans.Buggy());

        var neverReleased = violations.Where(v => v.Rule == PlanRule.NeverReleased).ToList();
        Assert.NotEmpty(neverReleased);
        Assert.All(neverReleased, v =>
        {
            Assert.Equal("bus", v.Resource);
            Assert.True(v.Configuration.CaptureArmed);
            Assert.False(v.Configuration.Platform.HasCrashShutdownHooks);
            Assert.DoesNotContain(v.Order, s => s.Contains("bus-unload", StringComparison.Ordinal));
        });
        Assert.Equal(Enum.GetValues<DumpPolicy>().Length, neverReleased.Count);
        Assert.Contains("platform=macos", neverReleased[0].Message);
        Assert.Contains("'bus' is never released", neverReleased[0].Message);
    }

    [Fact]
    public void The_flush_moved_after_the_release_it_depends_on_is_reported_with_the_order_that_breaks_it()
    {
        var violations = PlanVerifier.Verify(SeedPlans.Buggy());

        var late = violations.Where(v => v.Rule == PlanRule.NeededAfterRelease).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, v =>
        {
            Assert.Equal("Teardown:framebuffer-flush", v.Step);
            Assert.True(v.Configuration.CaptureArmed);
            Assert.True(v.Configuration.Platform.HasCrashShutdownHooks);
            Assert.NotEqual(DumpPolicy.AfterLists, v.Configuration.Policy);
            var release = v.Order.ToList().IndexOf("crash-shutdown:bus-crash-shutdown");
            Assert.True(release >= 0 && release < v.Order.Count - 1);
            Assert.Equal("Teardown:framebuffer-flush", v.Order[^1]);
        });
        Assert.Equal(2 * 2, late.Count); // two policies x two platforms with hooks
        Assert.Contains("needs 'bus' after it was released", late[0].Message);
    }

    [Fact]
    public void The_fixed_registrations_pass_every_configuration()
    {
        Assert.Empty(PlanVerifier.Verify(SeedPlans.Fixed()));
    }

    [Fact]
    public void Each_fix_alone_leaves_the_other_bug_reported()
    {
        var buggy = SeedPlans.Buggy();
        var fixedPlan = SeedPlans.Fixed();
        var onlyFlushFixed = new PanicPlan([fixedPlan.Notifiers[0], fixedPlan.Notifiers[1], buggy.Notifiers[2]], buggy.Hooks);

        var rules = PlanVerifier.Verify(onlyFlushFixed).Select(v => v.Rule).Distinct().ToList();

        Assert.Contains(PlanRule.NeverReleased, rules);
    }

    [Fact]
    public void Unarmed_configurations_run_no_hook_and_follow_list_order()
    {
        var configuration = new PlanConfiguration(DumpPolicy.BeforeLists, false, CrashPlatform.Linux);
        var plan = new PanicPlan(
            [new PanicNotifier("late-user", PanicList.Final, Nothing).Needs("db"), new PanicNotifier("closer", PanicList.Teardown, Nothing).Releases("db")],
            [new CrashShutdownHook("hook", () => { }).Releases("db")]);

        var violation = Assert.Single(PlanVerifier.Verify(plan, configuration));

        Assert.Equal(PlanRule.NeededAfterRelease, violation.Rule);
        Assert.Equal(["(log dump)", "Teardown:closer", "Final:late-user"], violation.Order.ToArray());
    }

    [Fact]
    public void The_plan_of_an_installed_runtime_lists_its_registrations_in_run_order()
    {
        var runtime = PanicRuntime.CreateDetached(new PanicOptions());
        runtime.Register(new PanicNotifier("b", PanicList.Final, Nothing));
        runtime.Register(new PanicNotifier("a", PanicList.Supervisor, Nothing, 1).Needs("x"));
        var gone = runtime.Register(new PanicNotifier("gone", PanicList.Supervisor, Nothing));
        gone.Dispose();

        Assert.Equal(["a", "b"], runtime.Plan.Notifiers.Select(n => n.Name).ToArray());
        Assert.Equal(["x"], runtime.Plan.Notifiers[0].NeedsResources.ToArray());
    }

    [Fact]
    public void The_verifier_and_the_running_path_share_one_order_of_stages()
    {
        foreach (var policy in Enum.GetValues<DumpPolicy>())
        {
            Assert.DoesNotContain(PathStep.CrashDump, PathSequence.For(policy, captureArmed: false).ToArray());
            var armed = PathSequence.For(policy, captureArmed: true).ToArray();
            Assert.Single(armed, s => s == PathStep.CrashDump);
            Assert.Equal(
                [PathStep.SupervisorList, PathStep.InformationList, PathStep.LogDump, PathStep.TeardownList, PathStep.FinalList],
                armed.Where(s => s != PathStep.CrashDump).ToArray());
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => PathSequence.For((DumpPolicy)42, true).ToArray());
    }

    private static NotifyResult Nothing(in PanicEvent e) => NotifyResult.Done;

    [Fact]
    public void Equal_priorities_are_verified_in_registration_order_as_the_chains_run_them()
    {
        static PanicNotifier Notifier(string name) => new(name, PanicList.Teardown, (in PanicEvent e) => NotifyResult.Done, priority: 5);
        var releaseFirst = new PanicPlan([Notifier("unload").Releases("bus"), Notifier("flush").Needs("bus")], []);
        var needFirst = new PanicPlan([Notifier("flush").Needs("bus"), Notifier("unload").Releases("bus")], []);

        var broken = PlanVerifier.Verify(releaseFirst);
        var fine = PlanVerifier.Verify(needFirst);

        Assert.NotEmpty(broken);
        Assert.All(broken, v => Assert.Equal("Teardown:flush", v.Step));
        Assert.Empty(fine);
    }
}
