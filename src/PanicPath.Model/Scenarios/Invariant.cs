using PanicPath.Model.Scenarios.Expressions;

namespace PanicPath.Model.Scenarios;

/// <summary>
/// A property every run must have, named so reports and diffs can refer to it; checked only in runs where
/// its <c>when</c> condition holds after boot.
/// </summary>
public sealed class Invariant(int index, string name, InvariantKind kind, SourceLocation location)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    public InvariantKind Kind { get; } = kind;

    public SourceLocation Location { get; } = location;

    public Expr? When { get; internal set; }

    public Expr? Condition { get; internal set; }

    /// <summary>The boundaries it concerns, one bit per <see cref="Kernel.Boundary"/>.</summary>
    public int Boundaries { get; internal set; }

    /// <summary>
    /// The time bound, in microseconds of the model clock (<c>within 10s</c>); -1 without. On <c>reaches</c> and a bare
    /// <c>by</c> it bounds the time at which the run reaches the boundary; on <c>happens</c> each occurrence of the event.
    /// </summary>
    public long Within { get; internal set; } = -1;

    public int EventA { get; internal set; } = -1;

    public int EventB { get; internal set; } = -1;
}
