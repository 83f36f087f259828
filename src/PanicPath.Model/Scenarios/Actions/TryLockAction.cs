using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>trylock: name</c> with an optional <c>else:</c>: takes the lock if free, otherwise runs the else actions.</summary>
public sealed class TryLockAction(SourceLocation location, int lockIndex, ScenarioAction[] otherwise) : ScenarioAction(location)
{
    /// <summary>The lock tried.</summary>
    internal int LockIndex => lockIndex;

    /// <summary>The actions when the lock is busy.</summary>
    internal ScenarioAction[] Otherwise => otherwise;

    public override Flow Execute(Machine machine) =>
        machine.TryLock(lockIndex) ? Flow.Next : ExecuteAll(otherwise, machine);

    internal override IEnumerable<ScenarioAction[]> Nested => [otherwise];
}
