namespace PanicPath.Model.Explorer.Summaries;

/// <summary>
/// A summary of one invariant's violations as at most k conjunctions, largest first. Every conjunction is exact:
/// each configuration it describes that ran violates. <see cref="Exact"/> is true when together they describe
/// every violation; otherwise <see cref="Uncovered"/> violations (of <see cref="Violations"/>) are described by none.
/// </summary>
public sealed record Cover(IReadOnlyList<Conjunction> Conjunctions, bool Exact, long Uncovered, long Violations);
