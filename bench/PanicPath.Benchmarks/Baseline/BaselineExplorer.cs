// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using System.Numerics;
using PanicPath.Model.Explorer;
using PanicPath.Model.Scenarios;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>
/// The explorer's loop as of the frozen baseline (<c>ScenarioExplorer.Explore</c> without streaming), on a
/// <see cref="BaselineMachine"/>: every allowed configuration of <see cref="ConfigurationSpace"/> run once, placed in
/// the <see cref="EffectiveSpace"/> by the values it ran with after setup (the first run of an effective configuration
/// counts), a bit per configuration that ran and one per invariant per configuration that violates it.
/// </summary>
public static class BaselineExplorer
{
    /// <summary>Explores <paramref name="scenario"/> with the baseline machine: the report the explorer made as of the baseline.</summary>
    public static ExplorationReport Explore(Scenario scenario)
    {
        var space = new EffectiveSpace(scenario);
        var machine = new BaselineMachine(scenario);
        var ran = new BitSet(space.Size);
        var violated = scenario.Invariants.Select(_ => new BitSet(space.Size)).ToArray();
        var indexes = new int[space.Radix.Count];
        foreach (var choices in new ConfigurationSpace(scenario).Choices())
        {
            var result = machine.Run(choices);
            var index = IndexOf(space, machine, choices, indexes);
            if (!ran.Add(index) || result.Violated == 0)
            {
                continue;
            }

            for (var bits = result.Violated; bits != 0; bits &= bits - 1)
            {
                violated[BitOperations.TrailingZeroCount(bits)].Add(index);
            }
        }

        return new ExplorationReport(scenario, space, ran, [.. scenario.Invariants.Select(i => new InvariantOutcome(i, violated[i.Index], violated[i.Index].Count()))]);
    }

    /// <summary>
    /// The effective configuration of <paramref name="machine"/>'s last run, as <c>EffectiveSpace.IndexOf</c> places it:
    /// its values after setup, and the fault and entry point of <paramref name="choices"/>.
    /// </summary>
    public static long IndexOf(EffectiveSpace space, BaselineMachine machine, int[] choices, int[] indexes)
    {
        var effective = machine.Effective;
        var explored = space.Scenario.Explored;
        for (var d = 0; d < effective.Length; d++)
        {
            var at = choices[d];
            if (explored[d].Values[at] != effective[d])
            {
                at = space.ValueIndex(d, effective[d]);
                if (at < 0)
                {
                    throw new InvalidOperationException($"{explored[d].Name}: setup computed a value outside its domain");
                }
            }

            indexes[d] = at;
        }

        indexes[^2] = choices[effective.Length];
        indexes[^1] = choices[effective.Length + 1];
        return space.Index(indexes);
    }
}
