namespace PanicPath.Model.Explorer.Summaries;

/// <summary>
/// A conjunction of literals, in dimension order (no literal: every configuration), and how many violating
/// configurations it describes (<see cref="Count"/>; two conjunctions of one cover may describe some of the same),
/// and the first of them by index (<see cref="First"/>; −1 when none): a representative to trace.
/// Two conjunctions are equal when their literals, counts and firsts are.
/// </summary>
public sealed record Conjunction(IReadOnlyList<Literal> Literals, long Count, long First)
{
    /// <summary>True when the configuration with value indexes <paramref name="choices"/> satisfies every literal.</summary>
    public bool Describes(ReadOnlySpan<int> choices)
    {
        foreach (var literal in Literals)
        {
            if (!literal.Holds(choices[literal.Dimension]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="other"/> has the same literals, count and first.</summary>
    public bool Equals(Conjunction? other) => other is not null && Count == other.Count && First == other.First && Literals.SequenceEqual(other.Literals);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, Literals.Count);
}
