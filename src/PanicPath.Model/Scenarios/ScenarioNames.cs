using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// Resolves names against a scenario being compiled: its variables, symbols, locks and events, each in constant
/// time, so a file with a hundred thousand names compiles in time proportional to its size. The scenario's
/// lists only grow while it compiles; each lookup first indexes what was appended since the last one, and a name
/// listed twice answers its first entry (as <see cref="List{T}.IndexOf(T)"/> would).
/// </summary>
internal sealed class ScenarioNames(Scenario scenario) : INameResolver
{
    private readonly Dictionary<string, Variable> variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> events = new(StringComparer.Ordinal);
    private int variablesIndexed;
    private int locksIndexed;
    private int eventsIndexed;

    public string Known => "a knob, feature, state, builtin or declared value";

    public int Cpus => scenario.Cpus;

    public void ReadsCpuMask() => scenario.UsesCpus = true;

    public Expr? Resolve(string name)
    {
        var variable = Variable(name);
        if (variable is { PerCpu: true } || variable?.Slot == Kernel.KernelSlots.ThisCpu)
        {
            scenario.UsesCpus = true;
        }

        return variable is { PerCpu: true } ? new Expr.PerCpuRead(variable.Slot, variable.Kind, null)
            : variable is not null ? new Expr.Read(variable.Slot, variable.Kind)
            : scenario.Symbols.TryGet(name, out var id) ? new Expr.Constant(id, ValueKind.Symbol)
            : null;
    }

    public int LockIndex(string name) => Index(locks, ref locksIndexed, scenario.Locks, name);

    /// <summary>The index of the event named <paramref name="name"/> in <see cref="Scenario.Events"/>, or -1.</summary>
    public int EventIndex(string name) => Index(events, ref eventsIndexed, scenario.Events, name);

    /// <summary>The variable (knob, builtin, feature or state) named <paramref name="name"/>, or null.</summary>
    public Variable? Variable(string name)
    {
        for (; variablesIndexed < scenario.Variables.Count; variablesIndexed++)
        {
            variables.TryAdd(scenario.Variables[variablesIndexed].Name, scenario.Variables[variablesIndexed]);
        }

        return variables.GetValueOrDefault(name);
    }

    private static int Index(Dictionary<string, int> index, ref int indexed, List<string> list, string name)
    {
        for (; indexed < list.Count; indexed++)
        {
            index.TryAdd(list[indexed], indexed);
        }

        return index.TryGetValue(name, out var at) ? at : -1;
    }
}
