using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Explorer;

/// <summary>
/// Runs every allowed configuration of a compiled scenario on a reused <see cref="Machine"/>, without
/// tracing; then runs each configuration that broke something once more with the trace on, which gives
/// the same run because the machine is deterministic. Configurations are labelled and counted by the values
/// they ran with once setup had run (<see cref="Machine.Effective"/>): a configuration that setup turns into
/// one already run is the same run, counted once. A space larger than the bound of <see cref="SpaceLimit"/>
/// is refused before anything runs.
/// </summary>
public static class ScenarioExplorer
{
    /// <summary>Explores <paramref name="scenario"/> within <see cref="SpaceLimit.DefaultMaxConfigs"/> configurations.</summary>
    public static ExplorationReport Explore(Scenario scenario) => Explore(scenario, SpaceLimit.DefaultMaxConfigs);

    /// <summary>
    /// Explores <paramref name="scenario"/> and answers every violation with its trace; throws
    /// <see cref="ScenarioException"/> before any run when its space holds more than <paramref name="maxConfigs"/> configurations.
    /// </summary>
    public static ExplorationReport Explore(Scenario scenario, long maxConfigs)
    {
        SpaceLimit.Check(scenario, maxConfigs);
        var space = new ConfigurationSpace(scenario);
        var machine = new Machine(scenario);
        var outcomes = new List<(Configuration, ulong)>();
        var violations = new List<Violation>();
        var effective = new EffectiveSpace(scenario);
        var seen = new BitSet(effective.Size);
        var runs = 0;
        foreach (var choices in space.Choices())
        {
            var result = machine.Run(choices);
            if (!seen.Add(effective.IndexOf(machine, choices)))
            {
                continue;
            }

            runs++;
            if (result.Violated == 0)
            {
                continue;
            }

            var configuration = space.Describe(choices, machine.Effective);
            outcomes.Add((configuration, result.Violated));
            var steps = new List<TraceStep>();
            machine.Run(choices, steps);
            foreach (var invariant in scenario.Invariants)
            {
                if (result.Violates(invariant.Index))
                {
                    violations.Add(new Violation(invariant.Name, configuration, result.Outcome, steps));
                }
            }
        }

        return new ExplorationReport(scenario, runs, scenario.Invariants.Select(i => i.Name).ToList(), outcomes, violations);
    }

    /// <summary>Runs every allowed configuration and counts the distinct effective ones with a violation: the explorer's hot loop.</summary>
    public static int CountViolations(Scenario scenario)
    {
        var machine = new Machine(scenario);
        var effective = new EffectiveSpace(scenario);
        var seen = new BitSet(effective.Size);
        var violated = 0;
        foreach (var choices in new ConfigurationSpace(scenario).Choices())
        {
            if (machine.Run(choices).Violated != 0 && seen.Add(effective.IndexOf(machine, choices)))
            {
                violated++;
            }
        }

        return violated;
    }

    /// <summary>Runs one configuration, written <c>name=value,…</c>, with its full trace.</summary>
    public static (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) Trace(Scenario scenario, string config)
    {
        var space = new ConfigurationSpace(scenario);
        var choices = space.Parse(config);
        var steps = new List<TraceStep>();
        var machine = new Machine(scenario);
        var result = machine.Run(choices, steps);
        return (space.Describe(choices, machine.Effective), result, steps);
    }
}
