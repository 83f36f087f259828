using PanicPath.Model.Explorer.Summaries;

namespace PanicPath.Model.Explorer;

/// <summary>
/// Summarises an <see cref="ExplorationReport"/> per invariant: how many configurations violate it, at most k
/// conditions (<see cref="ConditionCover"/>, written by <see cref="ConditionText"/>) that describe them with a count
/// and a representative (the first configuration each describes) each, and a representative of them all.
/// </summary>
public static class ExplorationSummary
{
    /// <summary>The default number of conditions per invariant (<c>--conditions</c>).</summary>
    public const int DefaultConditions = 8;

    /// <summary>Every invariant of <paramref name="report"/>, in the scenario's order, with at most <paramref name="conditions"/> conditions.</summary>
    public static IReadOnlyList<InvariantSummary> Summarize(ExplorationReport report, int conditions)
    {
        var summaries = new List<InvariantSummary>();
        foreach (var outcome in report.Invariants)
        {
            if (outcome.Count == 0)
            {
                summaries.Add(new InvariantSummary(outcome, [], true, 0, -1));
                continue;
            }

            var cover = ConditionCover.Find(report.Space.Radix, report.Ran, outcome.Violated, conditions);
            summaries.Add(new InvariantSummary(
                outcome,
                [.. cover.Conjunctions.Select(c => new SummaryCondition(ConditionText.Format(c, report.Space.Dimensions), c.Count, c.First))],
                cover.Exact,
                cover.Uncovered,
                outcome.Violated.Next(0)));
        }

        return summaries;
    }
}
