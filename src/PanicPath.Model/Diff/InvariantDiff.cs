using PanicPath.Model.Explorer;

namespace PanicPath.Model.Diff;

/// <summary>
/// One invariant (matched by name; a side that lacks it never violates it) across a diff, as bit sets over the
/// <see cref="DiffSpace"/>: the compared configurations the new side violates and the old side does not
/// (<see cref="Newly"/>), those the old side violates and the new side does not (<see cref="Fixed"/>), their counts,
/// and per value of every dimension only one side has, what that value fixes and breaks.
/// </summary>
public sealed record InvariantDiff(string Invariant, BitSet Newly, long NewCount, BitSet Fixed, long FixedCount, IReadOnlyList<ValueEffect> Effects);
