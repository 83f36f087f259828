using PanicPath.Model.Explorer;
using PanicPath.Model.Explorer.Summaries;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Tests.Seed;

/// <summary>The review's findings, stated by the condition summary of the seed's scenarios.</summary>
public sealed class SeedSummaryTests
{
    [Fact]
    public void Patch_16_leaves_the_channel_connected_exactly_when_arm64_has_a_crash_kernel_loaded()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(Model.Examples, "v1-patch16.yaml"));
        var (radix, ran, violated) = Outcomes(scenario, "channel-unloaded-before-next-kernel");
        var cover = ConditionCover.Find(radix, ran, violated, 8);
        Assert.True(cover.Exact);
        Assert.NotEmpty(cover.Conjunctions);
        Assert.All(cover.Conjunctions, c =>
        {
            Assert.Contains(c.Literals, l => l.Equals(Equal(scenario, "arch", "arm64")));
            Assert.Contains(c.Literals, l => l.Equals(Equal(scenario, "kexec_crash_loaded", "true")));
        });
    }

    /// <summary>The literal <c>name == value</c> of an explored knob or feature.</summary>
    private static Literal Equal(Scenario scenario, string name, string value)
    {
        var d = scenario.Explored.ToList().FindIndex(v => v.Name == name);
        var variable = scenario.Explored[d];
        return new Literal(d, [Array.FindIndex(variable.Values, v => scenario.Symbols.Format(v, variable.Kind) == value)]);
    }

    /// <summary>
    /// The radixes of <paramref name="scenario"/>'s space, the configurations its constraints allow, and those of
    /// them that violate <paramref name="invariant"/>: every allowed configuration run once.
    /// </summary>
    private static (int[] Radix, BitSet Ran, BitSet Violated) Outcomes(Scenario scenario, string invariant)
    {
        int[] radix = [.. scenario.Explored.Select(v => v.Values.Length), scenario.Faults.Count, scenario.Entries.Count];
        var size = radix.Aggregate(1L, (a, r) => a * r);
        var (ran, violated) = (new BitSet(size), new BitSet(size));
        var index = scenario.Invariants.Single(i => i.Name == invariant).Index;
        var machine = new Machine(scenario);
        foreach (var choices in new ConfigurationSpace(scenario).Choices())
        {
            var at = choices.Zip(radix).Aggregate(0L, (a, p) => a * p.Second + p.First);
            ran.Add(at);
            if (machine.Run(choices).Violates(index))
            {
                violated.Add(at);
            }
        }

        return (radix, ran, violated);
    }
}
