namespace PanicPath.Model.Explorer.Summaries;

/// <summary>
/// One literal of a condition: the value index of dimension <see cref="Dimension"/> is one of
/// <see cref="Values"/> (ascending, at least one, never every value of the dimension). One value reads
/// <c>dimension == value</c>; every value but one reads <c>dimension != value</c>; otherwise <c>dimension in {…}</c>.
/// Two literals are equal when they name the same dimension and the same values.
/// </summary>
public sealed record Literal(int Dimension, IReadOnlyList<int> Values)
{
    /// <summary>True when <paramref name="value"/> (a value index of the dimension) satisfies the literal.</summary>
    public bool Holds(int value)
    {
        foreach (var v in Values)
        {
            if (v == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="other"/> names the same dimension and the same values.</summary>
    public bool Equals(Literal? other) => other is not null && Dimension == other.Dimension && Values.SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Dimension, Values.Count, Values.Count > 0 ? Values[0] : -1);
}
