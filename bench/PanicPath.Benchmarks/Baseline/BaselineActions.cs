// Frozen with BaselineMachine (commit 984ad30346d7d2c7b74544e55d17364e410a0b83): the baseline of the profile
// interpreter's throughput. Do not change it except to keep it compiling.
using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios;
using PanicPath.Model.Scenarios.Actions;
using PanicPath.Model.Scenarios.Expressions;
using PanicPath.Notifiers;

namespace PanicPath.Benchmarks.Baseline;

/// <summary>The frozen copy of <c>CallAction</c>: runs a named helper; its <c>return</c> comes back here.</summary>
internal sealed class BaselineCall(string helper, BaselineAction[] target) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.Step($"call {helper}", string.Empty);
        if (!machine.EnterHelper())
        {
            return Flow.Ended;
        }

        var flow = ExecuteAll(target, machine);
        machine.LeaveHelper();
        return flow == Flow.Ended ? Flow.Ended : Flow.Next;
    }
}

/// <summary>The frozen copy of <c>EmitAction</c>: marks that something observable happened.</summary>
internal sealed class BaselineEmit(int eventIndex) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.Emit(eventIndex, string.Empty);
        return Flow.Next;
    }
}

/// <summary>The frozen copy of <c>HypercallAction</c>: the guest asks the hypervisor to end it.</summary>
internal sealed class BaselineHypercall(Boundary end) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.HostEnds(end, end == Boundary.HostStop
            ? "hypercall crash: the host stops the VM as crashed"
            : "hypercall reset: the host resets the VM");
        return Flow.Ended;
    }
}

/// <summary>The frozen copy of <c>IfAction</c>.</summary>
internal sealed class BaselineIf(string text, Expr condition, BaselineAction[] then, BaselineAction[] otherwise) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        var holds = condition.IsTrue(machine);
        machine.Step($"if {text}: {(holds ? "true" : "false")}", string.Empty);
        return ExecuteAll(holds ? then : otherwise, machine);
    }
}

/// <summary>The frozen copy of <c>LockAction</c>: spins until the lock is free, then takes it; spins forever on a stopped holder.</summary>
internal sealed class BaselineLock(int lockIndex) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine) => machine.Lock(lockIndex) ? Flow.Next : Flow.Ended;
}

/// <summary>The frozen copy of <c>NeverReturnAction</c>: the callback does not come back.</summary>
internal sealed class BaselineNeverReturn : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.Hang("never returns");
        return Flow.Ended;
    }
}

/// <summary>The frozen copy of <c>PanicAction</c>: the callback calls <c>panic()</c> itself.</summary>
internal sealed class BaselinePanic(string message) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.NestedPanic(message);
        return machine.Ended ? Flow.Ended : Flow.Next;
    }
}

/// <summary>The frozen copy of <c>ReportAction</c>: the host receives a crash report of that kind.</summary>
internal sealed class BaselineReport(string kind) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.ReportToHost(kind);
        return Flow.Next;
    }
}

/// <summary>The frozen copy of <c>ReturnAction</c>: leaves the helper, or the callback with that result.</summary>
internal sealed class BaselineReturn(NotifyResult result) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.SetResult(result);
        return Flow.Return;
    }
}

/// <summary>The frozen copy of <c>SetAction</c>: assigns a variable.</summary>
internal sealed class BaselineSet(SourceLocation location, Variable target, Expr value) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.Assign(target, value.Eval(machine), location);
        return Flow.Next;
    }
}

/// <summary>The frozen copy of <c>TryLockAction</c>: takes the lock if free, otherwise runs the else actions.</summary>
internal sealed class BaselineTryLock(int lockIndex, BaselineAction[] otherwise) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine) =>
        machine.TryLock(lockIndex) ? Flow.Next : ExecuteAll(otherwise, machine);
}

/// <summary>The frozen copy of <c>UnlockAction</c>: releases a lock the running CPU holds.</summary>
internal sealed class BaselineUnlock(int lockIndex) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        machine.Unlock(lockIndex);
        return Flow.Next;
    }
}

/// <summary>The frozen copy of <c>WaitAction</c>: waits for something that may never come, bounded or not.</summary>
internal sealed class BaselineWait(string text, Expr condition, bool timeout, BaselineAction[] givesUp) : BaselineAction
{
    public override Flow Execute(BaselineMachine machine)
    {
        if (condition.IsTrue(machine))
        {
            machine.Step($"wait {text}: already true, completes", string.Empty);
            return Flow.Next;
        }

        if (timeout)
        {
            machine.Step($"wait {text}: times out, gives up", string.Empty);
            return ExecuteAll(givesUp, machine);
        }

        machine.Hang($"waits forever for {text}");
        return Flow.Ended;
    }
}
