using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>A profile's <c>let: name = value</c> (or its untraced <c>set:</c>): assigns a slot without a trace step.</summary>
public sealed class LetAction(SourceLocation location, int slot, Expr value) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        return machine.Write(slot, value.Eval(machine)) ? Flow.Next : Flow.Ended;
    }
}
