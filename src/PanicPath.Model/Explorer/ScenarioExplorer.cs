using System.Numerics;
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Explorer;

/// <summary>
/// Runs every allowed configuration of a compiled scenario on a reused <see cref="Machine"/>, without tracing, in
/// one pass. Configurations are placed in the <see cref="EffectiveSpace"/> by the values they ran with once setup
/// had run (<see cref="Machine.Effective"/>): choices that setup turns into a configuration already run are the
/// same run, counted once (the first one counts). The report keeps a bit per configuration for "ran" and one per
/// invariant for "violated", nothing per run; a trace is made only on demand, by running again (the machine is
/// deterministic), or, for a caller that wants every violation as found, streamed to a callback. A space larger
/// than the bound of <see cref="SpaceLimit"/> is refused before anything runs.
/// </summary>
public static class ScenarioExplorer
{
    /// <summary>Explores <paramref name="scenario"/> within <see cref="SpaceLimit.DefaultMaxConfigs"/> configurations.</summary>
    public static ExplorationReport Explore(Scenario scenario) => Explore(scenario, SpaceLimit.DefaultMaxConfigs);

    /// <summary>
    /// Explores <paramref name="scenario"/>; throws <see cref="ScenarioException"/> before any run when its space holds
    /// more than <paramref name="maxConfigs"/> configurations, or at the setup step that computes a value outside its
    /// domain. <paramref name="onViolation"/>, when given, receives every broken invariant of every configuration as it
    /// is found, with the trace of the run (run again with the trace on), in the order of the choices; nothing of it is
    /// kept. <paramref name="progress"/>, when given, counts the chosen configurations tried.
    /// </summary>
    public static ExplorationReport Explore(Scenario scenario, long maxConfigs, Action<Violation>? onViolation = null, ExplorationProgress? progress = null)
    {
        SpaceLimit.Check(scenario, maxConfigs);
        var space = new EffectiveSpace(scenario);
        var machine = new Machine(scenario);
        var ran = new BitSet(space.Size);
        var violated = scenario.Invariants.Select(_ => new BitSet(space.Size)).ToArray();
        progress?.Start(scenario.SpaceSize);
        foreach (var choices in new ConfigurationSpace(scenario).Choices(progress))
        {
            var result = machine.Run(choices);
            var index = space.IndexOf(machine, choices);
            if (!ran.Add(index) || result.Violated == 0)
            {
                continue;
            }

            for (var bits = result.Violated; bits != 0; bits &= bits - 1)
            {
                violated[BitOperations.TrailingZeroCount(bits)].Add(index);
            }

            if (onViolation is not null)
            {
                Stream(scenario, space, machine, choices, index, result, onViolation);
            }
        }

        return new ExplorationReport(scenario, space, ran, [.. scenario.Invariants.Select(i => new InvariantOutcome(i, violated[i.Index], violated[i.Index].Count()))]);
    }

    private static void Stream(Scenario scenario, EffectiveSpace space, Machine machine, int[] choices, long index, RunResult result, Action<Violation> onViolation)
    {
        var configuration = space.Describe(index);
        var steps = new List<TraceStep>();
        machine.Run(choices, steps);
        foreach (var invariant in scenario.Invariants)
        {
            if (result.Violates(invariant.Index))
            {
                onViolation(new Violation(invariant.Name, configuration, result.Outcome, steps));
            }
        }
    }

    /// <summary>Runs every allowed configuration and counts the distinct effective ones with a violation: the explorer's hot loop.</summary>
    public static long CountViolations(Scenario scenario)
    {
        var machine = new Machine(scenario);
        var space = new EffectiveSpace(scenario);
        var seen = new BitSet(space.Size);
        long violated = 0;
        foreach (var choices in new ConfigurationSpace(scenario).Choices())
        {
            var result = machine.Run(choices);
            if (seen.Add(space.IndexOf(machine, choices)) && result.Violated != 0)
            {
                violated++;
            }
        }

        return violated;
    }

    /// <summary>
    /// Runs one configuration, written <c>name=value,…</c> (unnamed dimensions take their first value), with its full
    /// trace. Throws <see cref="ArgumentException"/> naming a bad pair, or <see cref="ScenarioException"/> located at
    /// the constraint that excludes the configuration.
    /// </summary>
    public static (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) Trace(Scenario scenario, string config)
    {
        var space = new ConfigurationSpace(scenario);
        var choices = space.Parse(config);
        var excluding = space.Excluding(choices);
        if (excluding >= 0)
        {
            throw new ScenarioException(scenario.ConstraintLocations[excluding],
                $"a configuration the constraints allow; '{config}' breaks the constraint '{scenario.ConstraintTexts[excluding]}'");
        }

        var steps = new List<TraceStep>();
        var machine = new Machine(scenario);
        var result = machine.Run(choices, steps);
        return (space.Describe(choices, machine.Effective), result, steps);
    }
}
