using PanicPath.Model.Diff;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Seed;

/// <summary>The review's findings, reproduced by the explorer from the scenario files alone.</summary>
public sealed class SeedFindingsTests
{
    private static Scenario Load(string name) => ScenarioParser.ParseFile(Path.Combine(Model.Examples, name + ".yaml"));

    [Fact]
    public void Patch_16_newly_leaves_the_channel_connected_at_kdump_on_arm64_and_never_on_x86_64()
    {
        var diff = ScenarioDiff.Compare(Load("v0-before"), Load("v1-patch16"));
        var channel = diff.Invariants.Single(i => i.Invariant == "channel-unloaded-before-next-kernel");
        Assert.True(channel.NewCount > 0);
        Assert.All(channel.Newly.Ones(), index =>
        {
            var pairs = diff.Space.Describe(index);
            Assert.Contains(new KeyValuePair<string, string>("arch", "arm64"), pairs);
            Assert.Contains(new KeyValuePair<string, string>("kexec_crash_loaded", "true"), pairs);
        });
        var summary = ChangeSummary.Of(diff, channel.Newly, 8);
        Assert.True(summary.Exact);
        Assert.All(summary.Conditions, c => Assert.StartsWith("arch == arm64 && kexec_crash_loaded && ", c.Text, StringComparison.Ordinal));
        Assert.All(diff.Invariants, i => Assert.DoesNotContain(i.Newly.Ones(), index => diff.Space.Describe(index).Contains(new KeyValuePair<string, string>("arch", "x86_64"))));
    }

    [Fact]
    public void Patch_21_newly_leaves_the_framebuffer_unflushed_while_connected_when_kdump_is_loaded()
    {
        var diff = ScenarioDiff.Compare(Load("v1-patch16"), Load("v1-patch16-patch21"));
        var fb = diff.Invariants.Single(i => i.Invariant == "fb-flushed-while-connected");
        Assert.True(fb.NewCount > 0);
        Assert.All(fb.Newly.Ones(), index => Assert.Contains(new KeyValuePair<string, string>("kexec_crash_loaded", "true"), diff.Space.Describe(index)));
        var summary = ChangeSummary.Of(diff, fb.Newly, 8);
        Assert.All(summary.Conditions, c => Assert.Contains(diff.TraceNew(c.Representative).Trace, s => s.Action.Contains("the crash kernel boots", StringComparison.Ordinal)));
    }

    [Fact]
    public void With_a_stopped_cpu_holding_the_ring_buffer_lock_the_v1_framebuffer_notifier_hangs_and_merged_terminates()
    {
        var hangs = Model.Violations(Load("v1-patch16")).Where(v => v.Invariant == "terminates").ToList();
        Assert.NotEmpty(hangs);
        Assert.All(hangs, v =>
        {
            Assert.Equal("stopped-cpu-holds(ring_lock)", v.Configuration["fault"]);
            Assert.Contains(v.Trace, s => s.Callback == "hvfb_on_panic" && s.Action.Contains("spins forever on ring_lock, held by stopped cpu1", StringComparison.Ordinal));
        });
        var merged = ScenarioExplorer.Explore(Load("merged"));
        Assert.Equal(0, merged.Invariants.Single(i => i.Invariant.Name == "terminates").Count);
    }

    [Fact]
    public void What_was_merged_adds_no_violation_to_the_code_before_the_series()
    {
        var diff = ScenarioDiff.Compare(Load("v0-before"), Load("merged"));
        Assert.False(diff.NewlyViolated);
        Assert.All(diff.Invariants, i => Assert.Equal(0, i.NewCount));
        Assert.Contains(diff.Invariants, i => i.FixedCount > 0);
    }

    [Fact]
    public void Every_example_compiles_and_names_the_five_invariants()
    {
        foreach (var name in new[] { "v0-before", "v1-patch16", "v1-patch16-patch21", "merged" })
        {
            Assert.Equal(
                ["channel-unloaded-before-next-kernel", "fb-flushed-while-connected", "host-reported-once", "terminates", "kdump-reached"],
                Load(name).Invariants.Select(i => i.Name));
        }
    }
}
