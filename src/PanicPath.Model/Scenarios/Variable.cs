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

    /// <summary>The encoded values to explore (knobs, features) or the single initial value (state).</summary>
    public int[] Values { get; internal set; } = [];
}
