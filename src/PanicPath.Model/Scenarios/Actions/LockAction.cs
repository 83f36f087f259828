using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>lock: name</c>: spins until the lock is free, then takes it; spins forever on a stopped holder.</summary>
public sealed class LockAction(SourceLocation location, int lockIndex) : ScenarioAction(location)
{
    /// <summary>The lock taken.</summary>
    internal int LockIndex => lockIndex;

    public override Flow Execute(Machine machine) => machine.Lock(lockIndex) ? Flow.Next : Flow.Ended;
}
