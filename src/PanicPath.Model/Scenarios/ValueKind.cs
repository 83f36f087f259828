namespace PanicPath.Model.Scenarios;

/// <summary>The type of a modelled value: a boolean, an integer, or a symbol (a named constant).</summary>
public enum ValueKind
{
    /// <summary>True (1) or false (0).</summary>
    Bool,

    /// <summary>A signed integer.</summary>
    Int,

    /// <summary>One of the scenario's or the kernel's named constants.</summary>
    Symbol,
}
