namespace PanicPath.Model.Diff;

/// <summary>
/// What one value of a dimension only one side has does to one invariant: in how many compared configurations with
/// that value the invariant is fixed (violated by the old side, not by the new one) and in how many it breaks
/// (violated by the new side only), of <see cref="Compared"/> compared configurations with that value.
/// </summary>
public sealed record ValueEffect(int Dimension, string Value, long Fixes, long Breaks, long Compared);
