namespace PanicPath.Model.Scenarios;

/// <summary>
/// One named value of a compiled scenario: its slot in the machine's value array, its type, its role,
/// and for knobs and features the values to explore (encoded) in the order written.
/// </summary>
public sealed class Variable(string name, int slot, ValueKind kind, VariableRole role, SourceLocation location)
{
    public string Name { get; } = name;

    public int Slot { get; } = slot;

    public ValueKind Kind { get; } = kind;

    public VariableRole Role { get; } = role;

    /// <summary>Where the name is declared; for a knob that is explored, where its values are listed.</summary>
    public SourceLocation Location { get; internal set; } = location;

    /// <summary>
    /// A per-CPU state (<c>per-cpu: true</c>, the kernel's <c>DEFINE_PER_CPU</c>): one copy per CPU, in the slots
    /// <see cref="Slot"/> to <see cref="Slot"/> + CPUs − 1; its bare name reads and writes the running CPU's copy,
    /// <c>name[cpu]</c> another CPU's.
    /// </summary>
    public bool PerCpu { get; internal set; }

    /// <summary>The encoded values to explore (knobs, features) or the single initial value (state).</summary>
    public int[] Values { get; internal set; } = [];
}
