using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>trylock: name</c> with an optional <c>else:</c>: takes the lock if free, otherwise runs the else actions.</summary>
public sealed class TryLockAction(SourceLocation location, int lockIndex, ScenarioAction[] otherwise) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine) =>
        machine.TryLock(lockIndex) ? Flow.Next : ExecuteAll(otherwise, machine);

    internal override IEnumerable<ScenarioAction[]> Nested => [otherwise];
}
