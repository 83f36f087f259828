using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>set: name = expression</c>: assigns a state variable, a feature or a knob where the kernel lets it be written (<see cref="KnobWrites"/>).</summary>
public sealed class SetAction(SourceLocation location, Variable target, Expr value) : ScenarioAction(location)
{
    /// <summary>The variable assigned.</summary>
    internal Variable Target => target;

    /// <summary>The value assigned.</summary>
    internal Expr Value => value;

    public override Flow Execute(Machine machine)
    {
        machine.Assign(target, value.Eval(machine), Location);
        return Flow.Next;
    }
}
