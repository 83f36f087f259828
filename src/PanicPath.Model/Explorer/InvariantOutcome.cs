using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Explorer;

/// <summary>
/// One invariant's result over an exploration: the configurations of the <see cref="EffectiveSpace"/> that
/// violate it, one bit each, and how many they are.
/// </summary>
public sealed record InvariantOutcome(Invariant Invariant, BitSet Violated, long Count);
