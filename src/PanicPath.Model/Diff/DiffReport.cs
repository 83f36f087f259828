using PanicPath.Model.Explorer;
using PanicPath.Model.Kernel;

namespace PanicPath.Model.Diff;

/// <summary>
/// What changed between two scenarios: both explorations, the space they are compared in, the configurations
/// compared (<see cref="Compared"/>: those both sides ran), and per invariant the new and the fixed violations.
/// </summary>
public sealed record DiffReport(ExplorationReport Old, ExplorationReport New, DiffSpace Space, BitSet Compared, long ComparedCount, IReadOnlyList<InvariantDiff> Invariants)
{
    /// <summary>True when some invariant is violated by the new side in a configuration where the old side holds it.</summary>
    public bool NewlyViolated => Invariants.Any(i => i.NewCount > 0);

    /// <summary>Runs the new side's configuration of compared configuration <paramref name="index"/> again with the trace on.</summary>
    public (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) TraceNew(long index) => New.Trace(Space.NewIndex(index));

    /// <summary>Runs the old side's configuration of compared configuration <paramref name="index"/> again with the trace on.</summary>
    public (Configuration Configuration, RunResult Result, IReadOnlyList<TraceStep> Trace) TraceOld(long index) => Old.Trace(Space.OldIndex(index));
}
