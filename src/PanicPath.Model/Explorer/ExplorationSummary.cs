namespace PanicPath.Model.Explorer;

/// <summary>
/// Summarises an <see cref="ExplorationReport"/> per invariant: how many configurations violate it, at most k
/// conditions that describe them with a count and a representative each, and a representative of them all.
/// </summary>
public static class ExplorationSummary
{
    /// <summary>The default number of conditions per invariant (<c>--conditions</c>).</summary>
    public const int DefaultConditions = 8;

    /// <summary>Every invariant of <paramref name="report"/>, in the scenario's order, with at most <paramref name="conditions"/> conditions.</summary>
    public static IReadOnlyList<InvariantSummary> Summarize(ExplorationReport report, int conditions) =>
        [.. report.Invariants.Select(outcome => new InvariantSummary(outcome, [], outcome.Count == 0, outcome.Count, outcome.Violated.Next(0)))];
}
