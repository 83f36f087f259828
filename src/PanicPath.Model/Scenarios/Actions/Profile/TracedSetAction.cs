using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions.Profile;

/// <summary>A profile's <c>set: name = value</c> with a <c>say:</c>: the step is traced with that text and the change <c>name: old → new</c>.</summary>
public sealed class TracedSetAction(SourceLocation location, Variable target, Expr value, SayText text) : ScenarioAction(location)
{
    public override Flow Execute(Machine machine)
    {
        var old = machine.Value(target.Slot);
        var now = value.Eval(machine);
        if (machine.Tracing)
        {
            var symbols = machine.Scenario.Symbols;
            machine.Step(text.Format(machine), $"{target.Name}: {symbols.Format(old, target.Kind)} → {symbols.Format(now, target.Kind)}");
        }

        return machine.Write(target.Slot, now) ? Flow.Next : Flow.Ended;
    }
}
