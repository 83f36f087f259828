namespace PanicPath.Model.Explorer;

/// <summary>What a <see cref="SpaceDimension"/> stands for: a knob or feature of one of the three value types, the fault, the entry point, or the race.</summary>
public enum DimensionKind
{
    /// <summary>A boolean knob or feature: its domain is always false and true.</summary>
    Bool,

    /// <summary>An integer knob or feature.</summary>
    Int,

    /// <summary>A symbolic knob or feature.</summary>
    Symbol,

    /// <summary>The fault injected (<c>none</c> first).</summary>
    Fault,

    /// <summary>How the kernel enters the fatal path.</summary>
    Entry,

    /// <summary>What a second CPU does, and where on the first CPU's path (<c>none</c> first); only in a scenario with <c>race:</c>.</summary>
    Race,
}
