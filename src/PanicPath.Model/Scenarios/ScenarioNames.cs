using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios;

/// <summary>Resolves the names of expressions against a scenario being compiled: its variables, symbols and locks.</summary>
internal sealed class ScenarioNames(Scenario scenario) : INameResolver
{
    public string Known => "a knob, feature, state, builtin or declared value";

    public Expr? Resolve(string name)
    {
        foreach (var variable in scenario.Variables)
        {
            if (variable.Name == name)
            {
                return new Expr.Read(variable.Slot, variable.Kind);
            }
        }

        return scenario.Symbols.TryGet(name, out var id) ? new Expr.Constant(id, ValueKind.Symbol) : null;
    }

    public int LockIndex(string name) => scenario.Locks.IndexOf(name);
}
