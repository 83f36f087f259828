using PanicPath.Model.Kernel;
using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios.Actions;

/// <summary><c>if: condition</c>, <c>do: […]</c>, optional <c>else: […]</c>.</summary>
public sealed class IfAction(SourceLocation location, string text, Expr condition, ScenarioAction[] then, ScenarioAction[] otherwise) : ScenarioAction(location)
{
    /// <summary>The condition as written, for the trace.</summary>
    internal string Text => text;

    /// <summary>The condition.</summary>
    internal Expr Condition => condition;

    /// <summary>The actions when it holds.</summary>
    internal ScenarioAction[] Then => then;

    /// <summary>The actions when it does not.</summary>
    internal ScenarioAction[] Otherwise => otherwise;

    public override Flow Execute(Machine machine)
    {
        var holds = condition.IsTrue(machine);
        machine.Step($"if {text}: {(holds ? "true" : "false")}", string.Empty);
        return ExecuteAll(holds ? then : otherwise, machine);
    }

    internal override IEnumerable<ScenarioAction[]> Nested => [then, otherwise];
}
