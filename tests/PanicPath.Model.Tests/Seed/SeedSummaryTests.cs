using PanicPath.Model.Explorer;
using PanicPath.Model.Explorer.Summaries;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Seed;

/// <summary>The review's findings, stated by the condition summary of the seed's scenarios.</summary>
public sealed class SeedSummaryTests
{
    private static Scenario Load(string name) => ScenarioParser.ParseFile(Path.Combine(Model.Examples, name + ".yaml"));

    [Fact]
    public void Patch_16_leaves_the_channel_connected_only_when_arm64_has_a_crash_kernel_loaded()
    {
        var (space, ran, violated) = Outcomes(Load("v1-patch16"), "channel-unloaded-before-next-kernel");
        var cover = ConditionCover.Find(space.Radix, ran, violated, 8);
        Assert.True(cover.Exact);
        Assert.NotEmpty(cover.Conjunctions);
        Assert.All(cover.Conjunctions, c => Assert.StartsWith("arch == arm64 && kexec_crash_loaded && ", ConditionText.Format(c, space.Dimensions), StringComparison.Ordinal));
    }

    [Fact]
    public void Before_the_series_the_channel_stays_connected_when_arm64_dumps_before_the_notifiers_on_a_panic_or_an_oops_that_panics()
    {
        var (space, ran, violated) = Outcomes(Load("v0-before"), "channel-unloaded-before-next-kernel");
        var cover = ConditionCover.Find(space.Radix, ran, violated, 4);
        Assert.True(cover.Exact);
        Assert.Equal(
            [("arch == arm64 && kexec_crash_loaded && !crash_kexec_post_notifiers && entry == panic", 80L),
             ("arch == arm64 && kexec_crash_loaded && !crash_kexec_post_notifiers && panic_on_oops", 80L)],
            cover.Conjunctions.Select(c => (ConditionText.Format(c, space.Dimensions), c.Count)).Order());
        Assert.Equal(120, cover.Violations);
    }

    /// <summary>The effective space of <paramref name="scenario"/>, the configurations that ran in it, and those that violate <paramref name="invariant"/>.</summary>
    private static (EffectiveSpace Space, BitSet Ran, BitSet Violated) Outcomes(Scenario scenario, string invariant)
    {
        var report = ScenarioExplorer.Explore(scenario);
        return (report.Space, report.Ran, report.Invariants.Single(i => i.Invariant.Name == invariant).Violated);
    }
}
