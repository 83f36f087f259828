namespace PanicPath.Model.Explorer;

/// <summary>
/// One invariant of an exploration, summarised: its outcome, at most k conditions describing its violating
/// configurations (largest first; each exact: every configuration it describes that ran violates), whether they
/// describe every violation (<see cref="Exact"/>) and how many they leave out, and a representative violating
/// configuration (the first by index; −1 when none).
/// </summary>
public sealed record InvariantSummary(InvariantOutcome Outcome, IReadOnlyList<SummaryCondition> Conditions, bool Exact, long Uncovered, long Representative);
