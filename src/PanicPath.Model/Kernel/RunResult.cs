namespace PanicPath.Model.Kernel;

/// <summary>How one run ended: the boundary (or hang), why it hung, and the violated invariants, one bit per invariant index.</summary>
public readonly record struct RunResult(Boundary Outcome, ulong Violated, string? HangReason)
{
    /// <summary>True when invariant <paramref name="index"/> was violated.</summary>
    public bool Violates(int index) => (Violated & (1UL << index)) != 0;
}
