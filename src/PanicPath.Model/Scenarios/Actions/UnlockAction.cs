using PanicPath.Model.Kernel;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>unlock: name</c>: releases a lock the running CPU holds.</summary>
public sealed class UnlockAction(SourceLocation location, int lockIndex) : ScenarioAction(location)
{
    /// <summary>The lock released.</summary>
    internal int LockIndex => lockIndex;

    public override Flow Execute(Machine machine)
    {
        machine.Unlock(lockIndex);
        return Flow.Next;
    }
}
