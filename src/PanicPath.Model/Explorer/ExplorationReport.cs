using PanicPath.Model.Scenarios;

namespace PanicPath.Model.Explorer;

/// <summary>
/// What the explorer found in one scenario: how many runs, the outcome mask of every configuration (for
/// tables and diffs) and one violation, with its trace, per broken invariant per configuration.
/// </summary>
public sealed record ExplorationReport(
    Scenario Scenario,
    int Runs,
    IReadOnlyList<string> Invariants,
    IReadOnlyList<(Configuration Configuration, ulong Violated)> Outcomes,
    IReadOnlyList<Violation> Violations)
{
    /// <summary>True when no invariant is violated in any configuration.</summary>
    public bool Holds => Violations.Count == 0;
}
