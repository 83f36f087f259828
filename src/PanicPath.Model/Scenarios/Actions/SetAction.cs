using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary>
/// <c>set: name = expression</c>: assigns a state variable, a feature or a knob where the kernel lets it be written
/// (<see cref="KnobWrites"/>); for a per-CPU state, the running CPU's copy, or with <c>set: name[cpu] = expression</c>
/// CPU <c>cpu</c>'s.
/// </summary>
public sealed class SetAction(SourceLocation location, Variable target, Expr value, Expr? cpu = null) : ScenarioAction(location)
{
    /// <summary>The variable assigned.</summary>
    internal Variable Target => target;

    /// <summary>The value assigned.</summary>
    internal Expr Value => value;

    public override Flow Execute(Machine machine)
    {
        if (target.PerCpu)
        {
            machine.AssignPerCpu(target, cpu is null ? machine.Value(KernelSlots.ThisCpu) : cpu.Eval(machine), value.Eval(machine), Location);
        }
        else
        {
            machine.Assign(target, value.Eval(machine), Location);
        }

        return Flow.Next;
    }
}
