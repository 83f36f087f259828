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
        var channel = diff.NewViolations.Where(v => v.Invariant == "channel-unloaded-before-next-kernel").ToList();
        Assert.NotEmpty(channel);
        Assert.All(channel, v =>
        {
            Assert.Contains(new KeyValuePair<string, string>("arch", "arm64"), v.Config);
            Assert.Contains(new KeyValuePair<string, string>("kexec_crash_loaded", "true"), v.Config);
        });
        Assert.DoesNotContain(diff.NewViolations, v => v.Config.Contains(new KeyValuePair<string, string>("arch", "x86_64")));
    }

    [Fact]
    public void Patch_21_newly_leaves_the_framebuffer_unflushed_while_connected_when_kdump_is_loaded()
    {
        var diff = ScenarioDiff.Compare(Load("v1-patch16"), Load("v1-patch16-patch21"));
        var fb = diff.NewViolations.Where(v => v.Invariant == "fb-flushed-while-connected").ToList();
        Assert.NotEmpty(fb);
        Assert.All(fb, v => Assert.Contains(new KeyValuePair<string, string>("kexec_crash_loaded", "true"), v.Config));
        Assert.All(fb, v => Assert.Contains(v.Example.Trace, s => s.Action.Contains("the crash kernel boots", StringComparison.Ordinal)));
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
        Assert.Empty(diff.NewViolations);
        Assert.NotEmpty(diff.FixedViolations);
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
