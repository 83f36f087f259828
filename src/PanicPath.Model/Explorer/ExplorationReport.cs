using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Explorer;

/// <summary>
/// What the explorer found in one scenario, as bit sets over its <see cref="EffectiveSpace"/>: the configurations
/// that ran (<see cref="Ran"/>, each counted once whatever choices led to it) and, per invariant, those that
/// violate it. No trace is kept: <see cref="Trace"/> runs a configuration again (the machine is deterministic).
/// </summary>
public sealed class ExplorationReport
{
    internal ExplorationReport(Scenario scenario, EffectiveSpace space, BitSet ran, IReadOnlyList<InvariantOutcome> invariants)
    {
        Scenario = scenario;
        Space = space;
        Ran = ran;
        Runs = ran.Count();
        Invariants = invariants;
    }

    /// <summary>The scenario explored.</summary>
    public Scenario Scenario { get; }

    /// <summary>The space the bit sets index.</summary>
    public EffectiveSpace Space { get; }

    /// <summary>How many distinct configurations ran.</summary>
    public long Runs { get; }

    /// <summary>The configurations that ran.</summary>
    public BitSet Ran { get; }

    /// <summary>Every invariant in the scenario's order, with the configurations that violate it.</summary>
    public IReadOnlyList<InvariantOutcome> Invariants { get; }

    /// <summary>True when no invariant is violated in any configuration.</summary>
    public bool Holds => Invariants.All(i => i.Count == 0);

    /// <summary>The configurations that violate at least one invariant.</summary>
    public BitSet Violating()
    {
        var any = new BitSet(Space.Size);
        foreach (var outcome in Invariants)
        {
            any.UnionWith(outcome.Violated);
        }

        return any;
    }

    /// <summary>
    /// Runs configuration <paramref name="index"/> (one that <see cref="Ran"/>) again with the trace on: its
    /// configuration, result and steps. Throws <see cref="ArgumentOutOfRangeException"/> for an index that did not run.
    /// </summary>
    public (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) Trace(long index)
    {
        var choices = ChoicesOf(index);
        var steps = new List<TraceStep>();
        var result = new Machine(Scenario).Run(choices, steps);
        return (Space.Describe(index), result, steps);
    }

    /// <summary>
    /// Choices (one value index per explored knob and feature, then the fault and entry indexes) the constraints allow
    /// whose run is configuration <paramref name="index"/>, one that <see cref="Ran"/>: what <c>trace --config</c> takes.
    /// </summary>
    public int[] ChoicesOf(long index)
    {
        if (index < 0 || index >= Space.Size || !Ran[index])
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "a configuration that ran");
        }

        return EffectiveChoices.Find(Space, new Machine(Scenario), index)
            ?? throw new InvalidOperationException($"no choices run as configuration {index}");
    }
}
